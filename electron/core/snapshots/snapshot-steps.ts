import type { PlanStep } from '../../../shared/domain/plan';
import { isActive } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import type { HostOperations } from '../hosts/host-link';
import type { SnapshotOperations } from '../hypervisor/hypervisor-driver';
import { findVm, hostName } from '../plans/plan-hosts';
import { hostOps, type StepEnv, type StepResult } from '../plans/step-env';

/**
 * Snapshot steps. The VM list says nothing of snapshots, so each step reads the VM's snapshots
 * before it acts: a create whose name is already listed, or a delete whose name is gone, was done
 * by an earlier run (the console killed after libvirt answered) and is not run twice.
 */

export async function snapshotCreateStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  const { ops, snapshots, name } = await snapshotOps(step, env);
  const listed = await snapshots.list(step.vmId);
  if (listed.snapshots.some((s) => s.name === name)) return { note: 'found taken already' };
  const vm = findVm(await ops.refresh(), step.vmId);
  if (!vm) throw notReported(step, env);
  // Memory is kept unless the admin chose disks only; a shut-off VM has no memory to keep.
  const diskOnly = isActive(vm.state) && step.snapshot?.memory === false;
  const description = step.snapshot?.description;
  await snapshots.create(step.vmId, {
    name,
    diskOnly,
    ...(description === undefined ? {} : { description }),
  });
  return {};
}

export async function snapshotRevertStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  const { ops, snapshots, name } = await snapshotOps(step, env);
  const listed = await snapshots.list(step.vmId);
  if (!listed.snapshots.some((s) => s.name === name)) {
    throw new AppError('not-found', `${step.vmName} has no snapshot named “${name}” any more`, {
      hostId: step.hostId,
    });
  }
  await snapshots.revert(step.vmId, name);
  await ops.refresh();
  return {};
}

export async function snapshotDeleteStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  const { snapshots, name } = await snapshotOps(step, env);
  const listed = await snapshots.list(step.vmId);
  if (!listed.snapshots.some((s) => s.name === name)) return { note: 'already gone' };
  await snapshots.remove(step.vmId, name, step.snapshot?.children === true);
  return {};
}

async function snapshotOps(
  step: PlanStep,
  env: StepEnv,
): Promise<{ ops: HostOperations; snapshots: SnapshotOperations; name: string }> {
  const name = step.snapshot?.name;
  if (name === undefined) throw new AppError('invalid-request', 'the step names no snapshot');
  const ops = await hostOps(env, step.hostId);
  if (ops.snapshots === undefined) {
    throw new AppError(
      'invalid-request',
      `${hostName(env.hosts, step.hostId)} offers no snapshots`,
      { hostId: step.hostId },
    );
  }
  return { ops, snapshots: ops.snapshots, name };
}

function notReported(step: PlanStep, env: StepEnv): AppError {
  return new AppError('not-found', `${hostName(env.hosts, step.hostId)} does not report it`, {
    hostId: step.hostId,
  });
}
