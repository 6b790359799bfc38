import type { MetricTier } from '../../../../shared/domain/metrics';
import { isActive } from '../../../../shared/domain/vm';
import { AppError } from '../../../../shared/errors';
import type { EventLog } from '../../events/event-log';
import {
  channelValues,
  type MetricsHistory,
  type ObjectValues,
} from '../../metrics/metrics-history';
import { UsageTracker } from '../../metrics/usage';
import { DemoMetrics } from './demo-metrics';
import type { DemoWorld } from './demo-world';

/**
 * Past this many hosts the demo starts without made-up history: at 1,000 hosts it would be 35
 * million samples to make, and the big demo is for the window's speed, not its charts.
 */
export const DEMO_PAST_MAX_HOSTS = 100;

/**
 * The demo fleet's last 30 days, made up the way its live figures are (the same model: working-day
 * load, the noisy neighbour, the leaking VM) and written to the history, so the 24 h and 30-day
 * charts are alive on first open. Only for objects with no history yet; a restarted console keeps
 * what it has. The log says the past is made up. Never rejects: a failure is a log line.
 */
export async function fillDemoPast(
  history: MetricsHistory,
  world: DemoWorld,
  log: EventLog,
): Promise<number> {
  if (world.hosts.size > DEMO_PAST_MAX_HOSTS) return 0;
  const objects = [...world.hosts.values()].flatMap((host) => [
    { id: host.config.id as string, kind: 'host' as const },
    ...host.vms
      .filter((vm) => isActive(vm.state))
      .map((vm) => ({ id: vm.id, kind: 'vm' as const })),
  ]);
  try {
    const filled = await history.fillPast(objects, (tier) => pastSampler(world, tier));
    if (filled > 0) {
      log.append({
        level: 'info',
        message: `Demo fleet: 30 days of utilisation made up for ${filled} hosts and VMs, so its charts have a past`,
      });
    }
    return filled;
  } catch (thrown) {
    log.append({
      level: 'warning',
      message: `Couldn't make up the demo fleet's past utilisation: ${AppError.from(thrown).message}`,
    });
    return 0;
  }
}

/**
 * A sample of every host at a past moment, through the same counters and rates as live ones: a
 * model and a tracker of its own per tier (the tiers go back in time one after the other), primed
 * one step before its first moment so the first bucket has rates.
 */
function pastSampler(world: DemoWorld, tier: MetricTier): (at: number) => ObjectValues[] {
  const model = new DemoMetrics(world);
  const tracker = new UsageTracker();
  let primed = false;
  const sampleAt = (at: number): ObjectValues[] =>
    [...world.hosts.values()].flatMap((host) => {
      const id = host.config.id;
      const names = new Map(host.vms.map((vm) => [vm.name, vm.id as string]));
      const usage = tracker.next(id, model.sample(id, at), (name) => names.get(name));
      return [
        { id, kind: 'host' as const, values: channelValues('host', usage.host) },
        ...usage.vms.map((vm) => ({
          id: vm.vmId,
          kind: 'vm' as const,
          values: channelValues('vm', vm),
        })),
      ];
    });
  return (at) => {
    if (!primed) sampleAt(at - tier.stepMs);
    primed = true;
    return sampleAt(at);
  };
}
