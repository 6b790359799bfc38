import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/domain/host';
import type { HostWitness, WitnessVerdict } from '../../../shared/domain/host-witness';
import type { HostId, ServiceId, VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import type { RecoveryFence } from '../../../shared/domain/recovery';
import type { Vm } from '../../../shared/domain/vm';
import { createEventHub } from '../events/event-hub';
import type { LogLine } from '../events/event-log';
import { optedInVms, startAutoRecovery, type AutoRecoveryDeps } from './auto-recovery';

// The automatic recovery's gate, with the fleet, the BMC and the plan runner as fakes: it acts only
// on a host witnessed down, with power management, after the grace period, and only once the BMC
// reads off; once per loss; every step said in the log.

const hv3 = 'hv3' as HostId;
const shop = 'svc-shop' as ServiceId;
const vm = (name: string, extra: Partial<Vm> = {}): Vm => ({
  id: `uuid-${name}` as VmId,
  hostId: hv3,
  name,
  state: 'running',
  vcpus: 1,
  memoryMiB: 64,
  persistent: true,
  service: shop,
  ...extra,
});
const witness = (verdict: WitnessVerdict): HostWitness => ({
  verdict,
  alive: verdict === 'partition' ? ['hv1' as HostId] : [],
  dead: verdict === 'unreachable-from-all' ? ['hv1' as HostId, 'hv2' as HostId] : [],
  refused: [],
  unasked: [],
  checkedAt: 0,
});
const host = (state: Host['state'], verdict?: WitnessVerdict): Host =>
  ({
    config: { id: hv3, name: 'hv3' },
    state,
    ...(verdict ? { witness: witness(verdict) } : {}),
  }) as unknown as Host;
const offByBmc: RecoveryFence = {
  by: 'bmc',
  poweredOff: true,
  reading: { ok: true, state: 'off' },
};

function world(overrides: Partial<AutoRecoveryDeps> = {}) {
  const hub = createEventHub((error) => {
    throw error;
  });
  const lines: LogLine[] = [];
  const fenced: HostId[] = [];
  const recovered: Vm[][] = [];
  const vms = [vm('shop-db-1'), vm('shop-web-1')];
  const clock = { now: 1_000_000 };
  const deps: AutoRecoveryDeps = {
    hub,
    log: { append: (line) => lines.push(line) },
    startedAt: 0,
    now: () => clock.now,
    graceMs: 300_000,
    hostName: (id) => id,
    hasPower: () => true,
    optedIn: () => ({ vms, services: ['shop'] }),
    fence: (id) => {
      fenced.push(id);
      return Promise.resolve(offByBmc);
    },
    recover: (_id, include) => {
      recovered.push(
        [...vms, vm('other-1', { service: 'svc-other' as ServiceId })].filter(include),
      );
      const plan = {
        title: 'Recover 2 VMs of hv3 on other hosts',
        steps: [{ kind: 'define' }, { kind: 'define' }, { kind: 'start' }, { kind: 'start' }],
      } as unknown as Plan;
      return Promise.resolve({ plan, leftOut: [] });
    },
    ...overrides,
  };
  const stop = startAutoRecovery(deps);
  const lose = async (state: Host['state'], verdict?: WitnessVerdict): Promise<void> => {
    hub.emit('hosts:changed', host(state, verdict));
    await new Promise((r) => setTimeout(r, 0));
  };
  const said = () => lines.map((l) => l.message);
  return { lines, said, fenced, recovered, clock, lose, stop };
}

describe('automatic recovery', () => {
  it('never on a partition, a closed sshd or no witness: nothing fenced, nothing said', async () => {
    const w = world();
    for (const verdict of ['partition', 'ssh-closed', 'no-witness'] as const) {
      await w.lose('unreachable', verdict);
    }
    await w.lose('unreachable');
    expect(w.fenced).toEqual([]);
    expect(w.recovered).toEqual([]);
    expect(w.lines).toEqual([]);
  });

  it('witnessed down and fenced: the opted-in VMs only, once per loss, said in the log', async () => {
    const w = world();
    await w.lose('unreachable', 'unreachable-from-all');
    await w.lose('unreachable', 'unreachable-from-all'); // the witnesses' next round
    expect(w.fenced).toEqual([hv3]);
    expect(w.recovered.map((vms) => vms.map((v) => v.name))).toEqual([['shop-db-1', 'shop-web-1']]);
    expect(w.said()).toEqual([
      'Automatic recovery: hv3 is down for every witness; powering it off through its BMC before its VMs of service shop are restarted on other hosts',
      'Automatic recovery: hv3 was powered off through its BMC, which now says: power off; restarting 2 VMs of service shop on other hosts (plan “Recover 2 VMs of hv3 on other hosts”)',
    ]);
    expect(w.lines.every((l) => l.kind === 'auto-recovery' && l.hostId === hv3)).toBe(true);

    // Back, then lost again: a new loss is tried again.
    await w.lose('connected');
    await w.lose('unreachable', 'unreachable-from-all');
    expect(w.fenced).toEqual([hv3, hv3]);
  });

  it('fencing fails: nothing restarted, the reason in words, left to the admin', async () => {
    const w = world({
      fence: () =>
        Promise.resolve({
          by: 'none',
          reading: {
            ok: false,
            failure: { code: 'wrong-password', at: '127.0.0.23:623', user: 'admin' },
          },
        }),
    });
    await w.lose('unreachable', 'unreachable-from-all');
    await w.lose('unreachable', 'unreachable-from-all');
    expect(w.recovered).toEqual([]);
    expect(w.said()[1]).toBe(
      "Automatic recovery of hv3's VMs of service shop did not run: Couldn't ask hv3's BMC whether it is off: wrong password for BMC user admin at 127.0.0.23:623. Nothing was restarted; use Recover VMs… on hv3 once you have checked that it is off",
    );
    expect(w.lines[1]?.level).toBe('error');
    expect(w.said()).toHaveLength(2); // tried once: not a fence attempt every 10 s
  });

  it('a BMC that still says on after the power off: not fenced, nothing restarted', async () => {
    const w = world({
      fence: () =>
        Promise.resolve({ by: 'none', poweredOff: true, reading: { ok: true, state: 'on' } }),
    });
    await w.lose('unreachable', 'unreachable-from-all');
    expect(w.recovered).toEqual([]);
    expect(w.said()[1]).toMatch(
      /^Automatic recovery of hv3's VMs of service shop did not run: hv3's BMC says: power on/,
    );
  });

  it('no power management: told once, never fenced', async () => {
    const w = world({ hasPower: () => false });
    await w.lose('unreachable', 'unreachable-from-all');
    await w.lose('unreachable', 'unreachable-from-all');
    expect(w.fenced).toEqual([]);
    expect(w.said()).toEqual([
      'hv3 is down for every witness, but no power management is set up for it: its VMs of service shop are not restarted automatically (that needs fencing through its BMC); use Recover VMs… on hv3 once you have checked that it is off',
    ]);
  });

  it("in the console's first 300 s nothing is fenced; the first witness round after that fences", async () => {
    const w = world();
    w.clock.now = 42_000;
    await w.lose('unreachable', 'unreachable-from-all');
    await w.lose('unreachable', 'unreachable-from-all');
    expect(w.fenced).toEqual([]);
    expect(w.said()).toEqual([
      'hv3 is down for every witness, but the console started 42 s ago: no host is fenced automatically in its first 300 s (it may not see every host yet); asked again after that',
    ]);
    w.clock.now = 300_001;
    await w.lose('unreachable', 'unreachable-from-all');
    expect(w.fenced).toEqual([hv3]);
    expect(w.recovered).toHaveLength(1);
  });

  it('no VM of an opted-in service on the host: nothing fenced, nothing said', async () => {
    const w = world({ optedIn: () => ({ vms: [], services: [] }) });
    await w.lose('unreachable', 'unreachable-from-all');
    expect(w.fenced).toEqual([]);
    expect(w.lines).toEqual([]);
  });

  it('stopped: hears nothing more', async () => {
    const w = world();
    w.stop();
    await w.lose('unreachable', 'unreachable-from-all');
    expect(w.fenced).toEqual([]);
  });
});

describe('optedInVms', () => {
  it("the host's running VMs of services that opted in, and those services' names", () => {
    const other = 'svc-other' as ServiceId;
    const vms = [
      vm('a'),
      vm('b', { state: 'shutoff' }),
      vm('c', { service: other }),
      vm('d', { hostId: 'hv1' as HostId }),
      vm('e', { service: undefined }),
    ];
    const services = [
      { id: shop, name: 'shop', autoRecover: true },
      { id: other, name: 'other' },
    ];
    expect(optedInVms(hv3, vms, services)).toEqual({ vms: [vms[0]], services: ['shop'] });
    expect(optedInVms(hv3, vms, [{ id: shop, name: 'shop', autoRecover: false }])).toEqual({
      vms: [],
      services: [],
    });
  });
});
