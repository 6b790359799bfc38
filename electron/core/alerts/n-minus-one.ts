import { evacuate, PlacementInputError } from '../../../shared/placement/index';
import {
  buildPlacementInput,
  type PlanningView,
} from '../../../shared/placement-input/build-input';

/** One application whose every running replica is on one host: that host's failure stops it. */
export interface NMinusOneFinding {
  service: string;
  application: string;
  host: string;
  running: number;
  /** Of those replicas, how many the engine could restart on the other hosts (host-down what-if). */
  restartable: number;
}

/**
 * "Would this service lose all replicas of an application if one host failed?" for every
 * application meant to be redundant (two replicas or more) that has replicas running: those whose
 * running replicas all sit on one host are findings. For each such host the placement engine
 * simulates its loss (`evacuate` with the host down: restarts elsewhere, every hard rule kept), to
 * say whether the replicas could come back at once or not at all.
 *
 * Costs one engine run per host that holds a whole application, not per sample: the engine calls
 * this at most every N-1 interval (alert-engine.ts).
 */
export function findNMinusOne(fleet: PlanningView): NMinusOneFinding[] {
  const connected = new Set(
    fleet.hosts.filter((h) => h.state === 'connected').map((h) => h.config.id as string),
  );
  const found: Omit<NMinusOneFinding, 'restartable'>[] = [];
  for (const { service, applications } of fleet.services) {
    for (const app of applications) {
      if (app.replicas < 2) continue;
      const hosts = new Set<string>();
      let running = 0;
      for (const vm of fleet.vms) {
        if (vm.application !== app.id || vm.service !== service.id) continue;
        if (vm.state !== 'running' || !connected.has(vm.hostId)) continue;
        running += 1;
        hosts.add(vm.hostId);
      }
      const [only] = hosts;
      if (hosts.size === 1 && only !== undefined)
        found.push({ service: service.id, application: app.id, host: only, running });
    }
  }
  if (found.length === 0) return [];
  const input = buildPlacementInput(fleet);
  const restartableByHost = new Map<string, Map<string, number>>();
  for (const host of new Set(found.map((f) => f.host))) {
    restartableByHost.set(host, restartsAfterLoss(input, host));
  }
  return found.map((f) => ({
    ...f,
    restartable: Math.min(f.running, restartableByHost.get(f.host)?.get(f.application) ?? 0),
  }));
}

/** Application id → VMs of it the engine restarts elsewhere when `host` goes down. */
function restartsAfterLoss(
  input: ReturnType<typeof buildPlacementInput>,
  host: string,
): Map<string, number> {
  const lost = {
    ...input,
    hosts: input.hosts.map((h) => (h.id === host ? { ...h, state: 'down' as const } : h)),
  };
  const counts = new Map<string, number>();
  try {
    const plan = evacuate(lost, { hosts: [host], explain: false });
    for (const move of plan.moves)
      counts.set(move.application, (counts.get(move.application) ?? 0) + 1);
  } catch (error) {
    // A host without reported facts is not in the engine's input: nothing is known to restart.
    if (!(error instanceof PlacementInputError)) throw error;
  }
  return counts;
}
