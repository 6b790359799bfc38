import { isActive, type Vm } from '../../../shared/domain/vm';
import type { PlanStep } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import type { HostOperations } from '../hosts/host-link';
import { refuseCopyElsewhere } from './only-copy';
import { findVm, hostName, pollUntil } from './plan-hosts';
import { duration } from './plan-timing';
import { hostOps, type StepEnv, type StepResult } from './step-env';
import { VM_STATE_WORDS } from '../../../shared/words';

/** Steps on one domain on one host: define, start, shutdown, destroy, undefine, set-metadata. */

export async function defineStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  if (step.xml === undefined) {
    throw new AppError('invalid-request', 'the step carries no domain XML');
  }
  if (step.onlyCopy === true) await refuseCopyElsewhere(step, env);
  const ops = await hostOps(env, step.hostId);
  // The XML names the journaled UUID: defining it again updates the same domain, never a second one.
  const id = await ops.define(step.xml);
  await ops.refresh();
  return id === step.vmId ? {} : { note: `libvirt reported UUID ${id}` };
}

export async function startStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  if (step.onlyCopy === true) await refuseCopyElsewhere(step, env);
  const ops = await hostOps(env, step.hostId);
  let note: string | undefined;
  try {
    await ops.act(step.vmId, 'start');
  } catch (error) {
    // "Domain is already active" (or a start that raced another one) counts as done.
    const now = findVm(await ops.refresh(), step.vmId);
    if (now?.state !== 'running' && !/already (active|running)/i.test(describe(error))) throw error;
    note = 'already running';
  }
  // A dependent starts when what it depends on is running, as the host reports it.
  await waitFor(ops, step, env, env.timing.settleMs, (vm) => vm?.state === 'running', 'running');
  return note === undefined ? {} : { note };
}

export async function shutdownStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  const ops = await hostOps(env, step.hostId);
  const before = requireVm(await ops.refresh(), step, env);
  if (!isActive(before.state)) return { note: 'already shut off' };
  await ops.act(step.vmId, 'shutdown');
  const off = await pollUntil(
    async () => (isShutOff(findVm(await ops.refresh(), step.vmId)) ? true : undefined),
    { timeoutMs: env.timing.shutdownGraceMs, pollMs: env.timing.pollMs, signal: env.signal },
  );
  if (off) return {};
  await forceOff(ops, step, env);
  return { note: `did not shut down within ${duration(env.timing.shutdownGraceMs)}; forced off` };
}

/**
 * Pause. The VM list tells: paused is done (a resumed plan that finds it paused does nothing).
 * Anything but running or paused fails: libvirt pauses only an active guest.
 */
export async function suspendStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  return toggle(step, env, 'suspend', 'paused', 'running');
}

/** Unpause; running is done, so a resumed plan never runs it twice. */
export async function resumeStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  return toggle(step, env, 'resume', 'running', 'paused');
}

async function toggle(
  step: PlanStep,
  env: StepEnv,
  action: 'suspend' | 'resume',
  goal: 'paused' | 'running',
  from: 'running' | 'paused',
): Promise<StepResult> {
  const ops = await hostOps(env, step.hostId);
  const before = requireVm(await ops.refresh(), step, env);
  if (before.state === goal) return { note: `already ${goal}` };
  if (before.state !== from) {
    throw new AppError('conflict', `${step.vmName} is ${VM_STATE_WORDS[before.state].phrase}`, {
      hostId: step.hostId,
    });
  }
  await ops.act(step.vmId, action);
  await waitFor(ops, step, env, env.timing.settleMs, (vm) => vm?.state === goal, goal);
  return {};
}

export async function destroyStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  const ops = await hostOps(env, step.hostId);
  const before = findVm(await ops.refresh(), step.vmId);
  if (isShutOff(before)) return { note: before ? 'already shut off' : 'not on the host' };
  await forceOff(ops, step, env);
  return {};
}

export async function undefineStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  const ops = await hostOps(env, step.hostId);
  const before = findVm(await ops.refresh(), step.vmId);
  if (!before) return { note: 'already gone' };
  if (isActive(before.state)) {
    throw new AppError(
      'conflict',
      `${step.vmName} is ${VM_STATE_WORDS[before.state].phrase}; only a shut-off VM is removed`,
    );
  }
  await ops.undefine(step.vmId);
  await ops.refresh();
  return {};
}

export async function setMetadataStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  if (step.application === undefined || step.service === undefined) {
    throw new AppError('invalid-request', 'the step names no application and service');
  }
  const ops = await hostOps(env, step.hostId);
  requireVm(await ops.refresh(), step, env);
  await ops.setMetadata(step.vmId, { application: step.application, service: step.service });
  await ops.refresh();
  return {};
}

/** Absent or not consuming the host: what shutdown and destroy aim for. */
export function isShutOff(vm: Vm | undefined): boolean {
  return vm === undefined || !isActive(vm.state);
}

async function forceOff(ops: HostOperations, step: PlanStep, env: StepEnv): Promise<void> {
  try {
    await ops.act(step.vmId, 'destroy');
  } catch (error) {
    if (!isShutOff(findVm(await ops.refresh(), step.vmId))) throw error; // it stopped meanwhile
  }
  await waitFor(ops, step, env, env.timing.settleMs, isShutOff, 'shut off');
}

function requireVm(vms: readonly Vm[], step: PlanStep, env: StepEnv): Vm {
  const vm = findVm(vms, step.vmId);
  if (!vm) {
    throw new AppError('not-found', `${hostName(env.hosts, step.hostId)} does not report it`, {
      hostId: step.hostId,
    });
  }
  return vm;
}

async function waitFor(
  ops: HostOperations,
  step: PlanStep,
  env: StepEnv,
  timeoutMs: number,
  ok: (vm: Vm | undefined) => boolean,
  what: string,
): Promise<void> {
  let last: Vm | undefined;
  const reached = await pollUntil(
    async () => {
      last = findVm(await ops.refresh(), step.vmId);
      return ok(last) ? true : undefined;
    },
    { timeoutMs, pollMs: env.timing.pollMs, signal: env.signal },
  );
  if (!reached) {
    throw new AppError(
      'timeout',
      `${hostName(env.hosts, step.hostId)} did not report it ${what} within ${duration(timeoutMs)} (last seen ${last?.state ?? 'absent'})`,
      { hostId: step.hostId },
    );
  }
}

function describe(error: unknown): string {
  if (error instanceof AppError) return `${error.message} ${error.detail ?? ''}`;
  return error instanceof Error ? error.message : String(error);
}
