import type { PlanStep } from '../../../shared/domain/plan';
import { isActive } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import { findVm, hostName, migrationTarget, pollUntil } from './plan-hosts';
import { duration } from './plan-timing';
import { hostOps, type StepEnv, type StepResult } from './step-env';

/**
 * Move a domain, run on the SOURCE host (`step.hostId`). Done only when the target reports the VM
 * and the source no longer does: the card moves when the hosts say so, not when virsh returns.
 */
export async function migrateStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  const targetId = step.targetHostId;
  if (targetId === undefined)
    throw new AppError('invalid-request', 'the step names no target host');
  const target = migrationTarget(env.fleet, targetId);
  const source = await hostOps(env, step.hostId);
  const onSource = findVm(await source.refresh(), step.vmId);
  if (!onSource) {
    // Already moved (a resumed plan, or someone else did it): the target must show it.
    const there = findVm(await (await hostOps(env, targetId)).refresh(), step.vmId);
    if (there) return { note: `already on ${target.hostName}` };
    throw new AppError(
      'not-found',
      `neither ${hostName(env.fleet, step.hostId)} nor ${target.hostName} reports it`,
      {
        hostId: step.hostId,
      },
    );
  }
  env.onProgress(0);
  await source.migrate(step.vmId, target, {
    live: step.live ?? isActive(onSource.state),
    onProgress: (percent) => env.onProgress(percent),
    signal: env.signal,
  });
  const targetOps = await hostOps(env, targetId);
  const arrived = await pollUntil(
    async () => {
      const [there, here] = await Promise.all([targetOps.refresh(), source.refresh()]);
      return findVm(there, step.vmId) && !findVm(here, step.vmId) ? true : undefined;
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
  return {};
}
