import type { HostState } from '../../../shared/domain/host';
import {
  witnessOf,
  type HostWitness,
  type WitnessAnswer,
} from '../../../shared/domain/host-witness';
import type { HostId } from '../../../shared/domain/ids';
import { witnessWords } from '../../../shared/words/witness-words';
import type { EventHub } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { HostEntry, HostRegistry } from './host-registry';

export interface WitnessTiming {
  /** While a host stays lost, its peers are asked again this often (after the last round ended). */
  everyMs: number;
  /** Peers asked per round at most: a lost host in a fleet of 1,000 asks a few, not 999. */
  maxWitnesses: number;
}

const DEFAULTS: WitnessTiming = { everyMs: 10_000, maxWitnesses: 5 };

/** A host is lost from 'unreachable' on; its reconnect attempts ('connecting') keep it lost. */
const STILL_LOST: ReadonlySet<HostState> = new Set<HostState>(['unreachable', 'connecting']);

export interface WitnessMonitor {
  /** The peers' last testimony about a lost host (undefined: not lost, or not asked yet). */
  of(hostId: HostId): HostWitness | undefined;
  stop(): void;
}

/**
 * Suspect → witnessed: when the console loses a host, it asks the other connected hosts of the
 * same driver, over their own connections, whether they still reach its SSH port; the verdict is
 * shown with the host (registry.setWitness) and logged when it changes. Asked again every
 * `everyMs` while the host stays lost, one round at a time; forgotten once it is back.
 */
export function startWitnessMonitor(deps: {
  hosts: HostRegistry;
  hub: EventHub;
  log: EventLog;
  timing?: Partial<WitnessTiming>;
}): WitnessMonitor {
  const { hosts, hub, log } = deps;
  const timing = { ...DEFAULTS, ...deps.timing };
  const lost = new Map<HostId, { timer?: NodeJS.Timeout; said?: string }>();
  let stopped = false;

  const forget = (hostId: HostId): void => {
    const watch = lost.get(hostId);
    if (!watch) return;
    clearTimeout(watch.timer);
    lost.delete(hostId);
    hosts.setWitness(hostId, undefined);
  };

  const round = async (hostId: HostId): Promise<void> => {
    const entry = hosts.get(hostId);
    const watch = lost.get(hostId);
    if (stopped || !entry || !watch) return;
    const answers = await Promise.all(
      peersOf(entry).map(async (peer) => ({
        hostId: peer.config.id,
        answer: await ask(peer, entry),
      })),
    );
    // The host may have come back, or been removed, while its peers were asked.
    if (stopped || lost.get(hostId) !== watch) return;
    const witness = witnessOf(answers, Date.now());
    hosts.setWitness(hostId, witness);
    const words = witnessWords(witness, (id) => hosts.get(id as HostId)?.config.name ?? id);
    if (words !== watch.said) {
      watch.said = words;
      log.append({
        level: witness.verdict === 'partition' ? 'warning' : 'error',
        message: `${entry.config.name}: ${words}`,
        category: 'host',
        kind: `witness-${witness.verdict}`,
        hostId,
        hostName: entry.config.name,
      });
    }
    watch.timer = setTimeout(() => void round(hostId), timing.everyMs);
    watch.timer.unref();
  };

  /** Connected peers of the same driver (a demo host cannot witness a real one), a few at most. */
  const peersOf = (entry: HostEntry): HostEntry[] =>
    hosts
      .all()
      .filter(
        (peer) =>
          peer.config.id !== entry.config.id &&
          peer.config.driver === entry.config.driver &&
          peer.host.state === 'connected',
      )
      .slice(0, timing.maxWitnesses);

  const unlisten = hub.on('hosts:changed', (host) => {
    const hostId = host.config.id;
    if (host.state === 'unreachable' && !lost.has(hostId)) {
      lost.set(hostId, {});
      void round(hostId);
    } else if (!STILL_LOST.has(host.state)) forget(hostId);
  });
  const unlistenRemoved = hub.on('hosts:removed', ({ hostId }) => {
    const watch = lost.get(hostId);
    clearTimeout(watch?.timer);
    lost.delete(hostId);
  });

  return {
    of: (hostId) => (lost.has(hostId) ? hosts.get(hostId)?.host.witness : undefined),
    stop() {
      stopped = true;
      unlisten();
      unlistenRemoved();
      for (const watch of lost.values()) clearTimeout(watch.timer);
      lost.clear();
    },
  };
}

/** One peer's answer: through its own connection, as the peer sees the lost host's address. */
async function ask(peer: HostEntry, lostHost: HostEntry): Promise<WitnessAnswer> {
  try {
    const ops = await peer.link.hypervisor();
    if (ops.probeReach === undefined) return 'unasked';
    return await ops.probeReach(lostHost.config.address, lostHost.config.port);
  } catch {
    return 'unasked';
  }
}
