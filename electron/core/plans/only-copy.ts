import type { PlanStep } from '../../../shared/domain/plan';
import { isActive } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import { findVm } from './plan-hosts';
import type { StepEnv } from './step-env';

/**
 * Never the same VM twice: before a recovery defines or starts a VM, every OTHER connected host is
 * listed afresh (not the fleet's last report: the check is made when the step runs, not when the
 * plan was), and the step is refused if one lists the UUID active. A connected host whose list
 * cannot be read refuses it too: not knowing is not "not running".
 */
export async function refuseCopyElsewhere(step: PlanStep, env: StepEnv): Promise<void> {
  const others = env.hosts
    .all()
    .filter((e) => e.config.id !== step.hostId && e.host.state === 'connected');
  await Promise.all(
    others.map(async (entry) => {
      let active = false;
      try {
        const vm = findVm(await (await entry.link.hypervisor()).refresh(), step.vmId);
        active = vm !== undefined && isActive(vm.state);
      } catch (error) {
        throw new AppError(
          'conflict',
          `couldn't check that it does not run on ${entry.config.name}: ${AppError.from(error).message}`,
          { hostId: entry.config.id, retryable: true },
        );
      }
      if (active) {
        throw new AppError(
          'conflict',
          `it runs on ${entry.config.name}; a VM is never started on a second host`,
          { hostId: entry.config.id },
        );
      }
    }),
  );
}
