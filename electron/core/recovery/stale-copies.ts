import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import { isActive, type Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import type { EventSource } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { HostRegistry } from '../hosts/host-registry';
import { operationsWhenConnected } from '../plans/plan-hosts';
import type { PlanRunner } from '../plans/plan-runner';

/** How long a host that reported its VMs gets to be marked connected. */
const CONNECT_WAIT_MS = 30_000;

export interface StaleCopyDeps {
  hosts: HostRegistry;
  hub: EventSource;
  log: EventLog;
  plans: Pick<PlanRunner, 'list' | 'annotate'>;
}

/** A VM a recovery restarted elsewhere, still defined on the host it was recovered from. */
interface Stale {
  plan: Plan;
  vm: Vm;
  /** Where the recovery started it. */
  runsOn: HostId;
}

/**
 * When a failed host comes back, its copies of VMs a recovery restarted elsewhere are stale: the
 * same UUID, now running on a survivor. Each is forced off if it runs (its host's libvirt may have
 * autostarted it), its autostart turned off, the admin told in the event log and on the recovery
 * plan. Found by UUID from the host's own listing, as soon as it reports one; each copy once per
 * console run (the actions are idempotent, so a console restarted meanwhile simply does it again).
 */
export function startStaleCopyGuard(deps: StaleCopyDeps): () => void {
  const handled = new Set<string>();
  const check = (hostId: HostId, vms: readonly Vm[]): void => {
    const found = staleCopies(hostId, vms, deps).filter((s) => {
      const key = `${hostId}/${s.vm.id}`;
      if (handled.has(key)) return false;
      handled.add(key);
      return true;
    });
    for (const stale of found) {
      void keepOff(hostId, stale, deps).catch((error: unknown) => {
        handled.delete(`${hostId}/${stale.vm.id}`); // tried again on its next listing
        deps.log.append({
          level: 'error',
          hostId,
          message: `Couldn't keep the stale copy of ${stale.vm.name} on ${name(deps, hostId)} shut off: ${AppError.from(error).message}`,
        });
      });
    }
  };
  // A host that comes back may report its VMs just before it is marked connected: keepOff waits.
  return deps.hub.on('vms:changed', ({ hostId, vms }) => check(hostId, vms));
}

/** The host's VMs that a recovery (from this host) has restarted on a host that still lists them. */
function staleCopies(hostId: HostId, vms: readonly Vm[], deps: StaleCopyDeps): Stale[] {
  const here = new Map(vms.map((vm) => [vm.id as string, vm]));
  const found: Stale[] = [];
  for (const plan of deps.plans.list()) {
    if (plan.kind !== 'recovery' || plan.hostId !== hostId) continue;
    for (const step of plan.steps) {
      if (step.kind !== 'start' || step.status !== 'done') continue;
      const vm = here.get(step.vmId);
      const elsewhere = deps.hosts.get(step.hostId)?.vms.some((v) => v.id === step.vmId);
      if (vm && elsewhere === true) found.push({ plan, vm, runsOn: step.hostId });
    }
  }
  return found;
}

async function keepOff(hostId: HostId, stale: Stale, deps: StaleCopyDeps): Promise<void> {
  const ops = await operationsWhenConnected(deps, hostId, { timeoutMs: CONNECT_WAIT_MS });
  const vmId: VmId = stale.vm.id;
  const wasRunning = isActive(stale.vm.state);
  if (wasRunning) await ops.act(vmId, 'destroy');
  if (stale.vm.persistent) await ops.setAutostart(vmId, false);
  await ops.refresh();
  const message =
    `${name(deps, hostId)} came back with a stale copy of ${stale.vm.name}, which runs on ${name(deps, stale.runsOn)} since the recovery: ` +
    `${wasRunning ? 'it was running and was forced off' : 'it is kept shut off'}, its autostart turned off. ` +
    `Remove it from ${name(deps, hostId)} once you have checked it`;
  deps.log.append({ level: 'warning', hostId, hostName: name(deps, hostId), message });
  await deps.plans.annotate(stale.plan.id, message);
}

function name(deps: StaleCopyDeps, hostId: HostId): string {
  return deps.hosts.get(hostId)?.config.name ?? hostId;
}
