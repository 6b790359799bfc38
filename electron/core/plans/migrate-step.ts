import type { HostId, VmId } from '../../../shared/domain/ids';
import type { PlanStep } from '../../../shared/domain/plan';
import { isActive, type Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import type { HostOperations } from '../hosts/host-link';
import { findVm, hostName, migrationTarget, pollUntil } from './plan-hosts';
import { duration } from './plan-timing';
import { refuseWritingOver } from './disk-guards';
import { hostOps, type StepEnv, type StepResult } from './step-env';

/** Where the two hosts report the VM: each side's entry, when it has one. */
interface Sides {
  source: Vm | undefined;
  target: Vm | undefined;
}

/**
 * Move a domain, run on the SOURCE host (`step.hostId`). Done only when the target reports the VM
 * and the source no longer does: the card moves when the hosts say so, not when virsh returns.
 */
export async function migrateStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  const targetId = step.targetHostId;
  if (targetId === undefined)
    throw new AppError('invalid-request', 'the step names no target host');
  const target = migrationTarget(env.hosts, targetId);
  const source = await hostOps(env, step.hostId);
  const targetOps = await hostOps(env, targetId);
  let sides = await look(source, targetOps, step.vmId);
  if (sides.source && sides.target) {
    // On both: a peer-to-peer migration that outlived a killed console is still copying (the
    // target lists its incoming, paused copy). Starting a second one would only be refused by
    // libvirt and fail a move that is about to succeed: wait for this one to land either side.
    sides = await settledSides(source, targetOps, step, targetId, env);
  }
  if (!sides.source) {
    // Already moved (a resumed plan, or someone else did it): the target must show it.
    if (sides.target) return { note: `already on ${target.hostName}` };
    throw new AppError(
      'not-found',
      `neither ${hostName(env.hosts, step.hostId)} nor ${target.hostName} reports it`,
      { hostId: step.hostId },
    );
  }
  // Live or cold by the VM's state NOW, not when the move was planned: `virsh migrate --offline`
  // copies the definition "without stopping it on source host" (virsh(1)): a VM started since
  // would go on running at the source while the target holds a definition that could start too.
  const live = isActive(sides.source.state);
  const changed =
    step.live !== undefined && step.live !== live
      ? `moved ${live ? 'live: it was started' : 'cold: it was shut off'} after the move was planned`
      : undefined;
  const copyDisks = (step.disks ?? []).map((d) => d.target);
  if (copyDisks.length > 0 && !live) {
    // `--offline` copies the definition only: the disks would stay behind on the source.
    throw new AppError(
      'conflict',
      `${step.vmName} was shut off after the move was planned, and its disks (${copyDisks.join(', ')}) are only copied in a live migration: start it and move it again`,
      { hostId: step.hostId },
    );
  }
  // The target pools as they are now, not as the plan saw them: libvirt writes over a volume of
  // a copied disk's name already there.
  await refuseWritingOver(step, sides.source, targetOps, env);
  const bandwidthMiBs = env.hosts.get(step.hostId)?.config.migrationBandwidthMiBs;
  env.onProgress(0);
  await source.migrate(step.vmId, target, {
    live,
    ...(copyDisks.length === 0 ? {} : { copyDisks }),
    ...(bandwidthMiBs === undefined ? {} : { bandwidthMiBs }), // the source's cap, read as it runs
    onProgress: (percent) => env.onProgress(percent),
    signal: env.signal,
  });
  const arrived = await pollUntil(
    async () => {
      const now = await look(source, targetOps, step.vmId);
      return now.target && !now.source ? true : undefined;
    },
    { timeoutMs: env.timing.settleMs, pollMs: env.timing.pollMs },
  );
  if (!arrived) {
    throw new AppError(
      'timeout',
      `the migration ended but ${target.hostName} did not report the VM (alone) within ${duration(env.timing.settleMs)}`,
      { hostId: targetId },
    );
  }
  env.onProgress(100);
  return changed === undefined ? {} : { note: changed };
}

async function look(source: HostOperations, target: HostOperations, vmId: VmId): Promise<Sides> {
  const [here, there] = await Promise.all([source.refresh(), target.refresh()]);
  return { source: findVm(here, vmId), target: findVm(there, vmId) };
}

/** Wait (settleMs) for a VM listed on both hosts to be listed on one only. */
async function settledSides(
  source: HostOperations,
  target: HostOperations,
  step: PlanStep,
  targetId: HostId,
  env: StepEnv,
): Promise<Sides> {
  let last: Sides = { source: undefined, target: undefined };
  const one = await pollUntil(
    async () => {
      last = await look(source, target, step.vmId);
      return last.source && last.target ? undefined : last;
    },
    { timeoutMs: env.timing.settleMs, pollMs: env.timing.pollMs, signal: env.signal },
  );
  if (one) return one;
  throw new AppError(
    'conflict',
    `both ${hostName(env.hosts, step.hostId)} and ${hostName(env.hosts, targetId)} still report it after ${duration(env.timing.settleMs)}: a migration of it seems under way; check with virsh domjobinfo on ${hostName(env.hosts, step.hostId)}`,
    {
      hostId: step.hostId,
      detail: `${last.source?.state ?? 'absent'} on the source, ${last.target?.state ?? 'absent'} on the target`,
    },
  );
}
