import type { Host } from '../../../shared/domain/host';
import { isWitnessedDown } from '../../../shared/domain/host-witness';
import type { HostId } from '../../../shared/domain/ids';
import type { LogLine } from '../events/event-log';
import type { Plan } from '../../../shared/domain/plan';
import type { RecoveryFence, RecoveryLeftOut } from '../../../shared/domain/recovery';
import { isActive, type Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import {
  autoRecoveryWords,
  recoveryFenceWords,
  recoveryLeftOutWords,
} from '../../../shared/words/recovery-words';
import type { EventSource } from '../events/event-hub';

/** oVirt's rule: no automatic fencing in the console's first 5 minutes (it may not see every host yet). */
export const AUTO_RECOVERY_GRACE_MS = 300_000;

export interface AutoRecoveryDeps {
  hub: EventSource;
  log: { append(line: LogLine): unknown };
  /** When the console started, and the clock (tests pass their own). */
  startedAt: number;
  now: () => number;
  /** No automatic fencing this long after the console started. */
  graceMs: number;
  hostName: (hostId: HostId) => string;
  /** Whether power management (a BMC) is set up for the host. */
  hasPower: (hostId: HostId) => boolean;
  /** The host's VMs that ran and belong to a service that opted in, with those services' names. */
  optedIn: (hostId: HostId) => { vms: readonly Vm[]; services: readonly string[] };
  /** Power the host off through its BMC and read it back (never the admin's word). */
  fence: (hostId: HostId) => Promise<RecoveryFence>;
  /** Plan the recovery of these VMs only, journal it and approve it: the plan as it starts. */
  recover: (
    hostId: HostId,
    include: (vm: Vm) => boolean,
  ) => Promise<{ plan?: Plan; leftOut: RecoveryLeftOut[] }>;
}

/**
 * Automatic recovery, opt-in per service: when a host is witnessed down (every peer that answered
 * gets nothing from it) AND power management is set up for it, the console powers it off through
 * its BMC; only when the BMC then reads off does it plan and run the recovery of the VMs of the
 * services that opted in, as the admin's "Recover VMs…" would. Never on a partition or a host whose
 * sshd alone is down (they are not witnessed down), never without fencing, never when fencing fails
 * (the log says why and the admin decides), never in the console's first `graceMs`. One attempt per
 * loss: a host must be connected again before it is tried again. Every step is said in the log.
 */
export function startAutoRecovery(deps: AutoRecoveryDeps): () => void {
  /** Hosts tried (or being tried) during their current loss. */
  const tried = new Set<HostId>();
  /** Hosts already told they wait (no power management, or the grace period), per loss. */
  const told = new Map<HostId, string>();
  const say = (hostId: HostId, level: LogLine['level'], message: string): void => {
    deps.log.append({
      level,
      hostId,
      hostName: deps.hostName(hostId),
      category: 'host',
      kind: 'auto-recovery',
      message,
    });
  };
  const tellOnce = (hostId: HostId, key: string, message: string): void => {
    if (told.get(hostId) === key) return;
    told.set(hostId, key);
    say(hostId, 'warning', message);
  };

  const consider = async (host: Host): Promise<void> => {
    const hostId = host.config.id;
    if (host.state === 'connected') {
      tried.delete(hostId);
      told.delete(hostId);
      return;
    }
    if (tried.has(hostId) || !isWitnessedDown(host.witness)) return;
    const { vms, services } = deps.optedIn(hostId);
    if (vms.length === 0) return;
    const name = deps.hostName(hostId);
    if (!deps.hasPower(hostId)) {
      tellOnce(hostId, 'no-power', autoRecoveryWords({ code: 'no-power', services }, name));
      return;
    }
    const since = deps.now() - deps.startedAt;
    if (since < deps.graceMs) {
      // Asked again on the witnesses' next round after the grace period.
      const words = autoRecoveryWords(
        { code: 'grace', services, sinceMs: since, graceMs: deps.graceMs },
        name,
      );
      tellOnce(hostId, 'grace', words);
      return;
    }
    tried.add(hostId);
    say(hostId, 'warning', autoRecoveryWords({ code: 'fencing', services }, name));
    const fence = await deps.fence(hostId);
    const fenceWords = recoveryFenceWords(fence, name, deps.hostName);
    if (fence.by !== 'bmc') {
      say(hostId, 'error', autoRecoveryWords({ code: 'not-fenced', services, fenceWords }, name));
      return;
    }
    const ids = new Set<string>(vms.map((vm) => vm.id));
    const { plan, leftOut } = await deps.recover(hostId, (vm) => ids.has(vm.id));
    for (const item of leftOut) {
      say(hostId, 'warning', recoveryLeftOutWords(item, name, deps.hostName));
    }
    say(
      hostId,
      plan ? 'warning' : 'error',
      autoRecoveryWords(
        plan
          ? {
              code: 'started',
              services,
              fenceWords,
              count: plan.steps.filter((s) => s.kind === 'start').length,
              title: plan.title,
            }
          : { code: 'nothing-placed', services, fenceWords },
        name,
      ),
    );
  };

  const unlisten = deps.hub.on('hosts:changed', (host) => {
    void consider(host).catch((error: unknown) => {
      say(
        host.config.id,
        'error',
        autoRecoveryWords(
          { code: 'failed', services: [], error: AppError.from(error).message },
          deps.hostName(host.config.id),
        ),
      );
    });
  });
  return unlisten;
}

/** The host's running VMs of services that opted in, from the fleet as the console knows it. */
export function optedInVms(
  hostId: HostId,
  vms: readonly Vm[],
  services: readonly { id: string; name: string; autoRecover?: boolean | undefined }[],
): { vms: Vm[]; services: string[] } {
  const auto = new Map(services.filter((s) => s.autoRecover === true).map((s) => [s.id, s.name]));
  const ours = vms.filter(
    (vm) =>
      vm.hostId === hostId &&
      vm.service !== undefined &&
      auto.has(vm.service) &&
      isActive(vm.state),
  );
  const names = [...new Set(ours.map((vm) => auto.get(vm.service!)!))].sort();
  return { vms: ours, services: names };
}
