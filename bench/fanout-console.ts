/**
 * The console as bench/fanout.lab.ts drives it: the real core (createCore: inventory, host
 * registry, libvirt links over ssh2) with the default link factory, wrapped only to keep a handle
 * on each link so that a refresh round can be asked of every host. What the window would receive
 * is what the core's event hub emits (the web shell forwards exactly these events).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostId } from '../shared/domain/ids';
import type { HostState } from '../shared/domain/host';
import type { Vm } from '../shared/domain/vm';
import { createCore, type Core } from '../electron/core/core';
import type { HostLink } from '../electron/core/hosts/host-link';
import { libvirtLinkFactory } from '../electron/core/hosts/libvirt-link-factory';
import type { LinkFactory } from '../electron/core/hosts/link-factory';
import { checkKeyFile } from '../electron/core/ssh/key-file-check';
import type { Lab, LabHost } from '../lab/lab-description';
import { labAddRequest } from '../electron/testing/lab-hosts';

/** What the event stream said of one host, and when (performance.now()). */
interface Seen {
  state?: HostState;
  connectedAt?: number;
  vms: readonly Vm[];
  vmsAt: number;
}

type Waiter = (seen: Seen, at: number) => boolean;

export interface FanoutConsole {
  core: Core;
  /** The console's id of each lab host, by the host's address. */
  idOf(host: LabHost): HostId;
  /** The live link of each host the console follows. */
  links(): HostLink[];
  /** Resolves with the time the stream first shows `test` true for the host (checked on each event). */
  when(hostId: HostId, test: (seen: Seen) => boolean, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

/** A console over a data folder; hosts already stored in it are followed as `start()` opens it. */
export async function openConsole(
  dataDir: string,
  hosts: readonly LabHost[],
): Promise<FanoutConsole> {
  const links = new Map<HostId, HostLink>();
  const linkFactory: LinkFactory = (config, deps) => {
    const link = libvirtLinkFactory(config, deps);
    links.set(config.id, link);
    return link;
  };
  const core = createCore({ dataDir, demoByDefault: false, linkFactory, checkKeyFile });
  const seen = new Map<HostId, Seen>();
  const waiters = new Map<HostId, Set<Waiter>>();
  const tell = (hostId: HostId, at: number): void => {
    const s = seen.get(hostId);
    if (s === undefined) return;
    for (const waiter of waiters.get(hostId) ?? [])
      if (waiter(s, at)) waiters.get(hostId)?.delete(waiter);
  };
  const entry = (hostId: HostId): Seen => {
    let s = seen.get(hostId);
    if (s === undefined) seen.set(hostId, (s = { vms: [], vmsAt: 0 }));
    return s;
  };
  // Listening before start: the first events of a starting console are part of what is timed.
  core.events.on('hosts:changed', (host) => {
    const at = performance.now();
    const s = entry(host.config.id);
    s.state = host.state;
    if (host.state === 'connected') s.connectedAt ??= at;
    tell(host.config.id, at);
  });
  core.events.on('vms:changed', ({ hostId, vms }) => {
    const at = performance.now();
    const s = entry(hostId);
    s.vms = vms;
    s.vmsAt = at;
    tell(hostId, at);
  });
  await core.start();
  const ids = new Map<string, HostId>();
  const refreshIds = async (): Promise<void> => {
    const { hosts: shown } = await core.handlers['fleet:snapshot']({});
    for (const h of shown) ids.set(h.config.address, h.config.id);
  };
  await refreshIds();
  return {
    core,
    idOf(host) {
      const id = ids.get(host.address);
      if (id === undefined) throw new Error(`${host.name} is not in the console`);
      return id;
    },
    links: () =>
      hosts.map((h) => links.get(ids.get(h.address) as HostId)).filter((l) => l !== undefined),
    when(hostId, test, timeoutMs = 30_000) {
      const s = seen.get(hostId);
      // Already so: it became so with the later of the two reports.
      if (s !== undefined && test(s)) return Promise.resolve(Math.max(s.connectedAt ?? 0, s.vmsAt));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.get(hostId)?.delete(waiter);
          reject(new Error(`host ${hostId}: not seen within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter: Waiter = (now, at) => {
          if (!test(now)) return false;
          clearTimeout(timer);
          resolve(at);
          return true;
        };
        let set = waiters.get(hostId);
        if (set === undefined) waiters.set(hostId, (set = new Set()));
        set.add(waiter);
      });
    },
    stop: () => core.stop(),
  };
}

/** The lab hosts added through hosts:add and trusted, as an admin would; a few at a time. */
export async function storeHosts(lab: Lab, hosts: readonly LabHost[]): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'federator-fanout-'));
  const setup = await openConsole(dataDir, []);
  try {
    const queue = [...hosts];
    const worker = async (): Promise<void> => {
      for (let host = queue.shift(); host !== undefined; host = queue.shift()) {
        const added = await setup.core.handlers['hosts:add'](labAddRequest(lab, host));
        const trusted = await setup.core.handlers['hosts:trust-key']({
          hostId: added.config.id,
          fingerprint: host.hostKeyFingerprint,
        });
        // On a loaded machine the trust may return while the host is still connecting.
        if (trusted.state !== 'connected' && trusted.state !== 'connecting') {
          throw new Error(`${host.name}: ${trusted.state} (${trusted.stateDetail ?? ''})`);
        }
        await setup.when(added.config.id, (s) => s.state === 'connected', 120_000);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  } finally {
    await setup.stop();
  }
  return dataDir;
}
