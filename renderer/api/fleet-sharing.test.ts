import { describe, expect, it } from 'vitest';
import { makeFleet, makeHost, makeVm } from '../testing/fixtures';
import { replaceHostVms, upsertHost } from './fleet-cache';
import { shareFleet } from './fleet-sharing';

const fleet = () => {
  const hosts = [makeHost('hv1'), makeHost('hv2'), makeHost('hv3')];
  const vms = hosts.flatMap((h) => [
    makeVm(h.config.id, `${h.config.name}-a`),
    makeVm(h.config.id, `${h.config.name}-b`),
  ]);
  return makeFleet(hosts, vms);
};
const copy = <T>(x: T): T => structuredClone(x);

describe("shareFleet (the fleet query's structural sharing)", () => {
  it("keeps every VM object when one host's VM list comes again, equal, at the end of the list", () => {
    const old = fleet();
    const hv1 = old.hosts[0]!.config.id;
    // What a vms:changed event does: the host's VMs, new objects, moved to the end.
    const next = replaceHostVms(old, hv1, copy(old.vms.filter((vm) => vm.hostId === hv1)));
    const shared = shareFleet(old, next) as typeof old;
    expect(shared).toBe(old);
  });

  it('takes the one VM that changed and keeps the others and the hosts as they were', () => {
    const old = fleet();
    const hv2 = old.hosts[1]!.config.id;
    const fresh = copy(old.vms.filter((vm) => vm.hostId === hv2));
    fresh[0] = { ...fresh[0]!, state: 'crashed' };
    const shared = shareFleet(old, replaceHostVms(old, hv2, fresh)) as typeof old;
    expect(shared).not.toBe(old);
    expect(shared.hosts).toBe(old.hosts);
    const changed = shared.vms.find((vm) => vm.id === fresh[0]!.id)!;
    expect(changed.state).toBe('crashed');
    expect(changed).not.toBe(old.vms.find((vm) => vm.id === fresh[0]!.id));
    for (const vm of shared.vms.filter((v) => v.id !== changed.id)) {
      expect(old.vms).toContain(vm);
    }
    expect(shared.vms.map((vm) => vm.id)).toEqual(
      [...old.vms.filter((vm) => vm.hostId !== hv2), ...fresh].map((vm) => vm.id),
    );
  });

  it('keeps an upserted host equal to the old one, and the unchanged parts of one that changed', () => {
    const old = fleet();
    const same = shareFleet(old, upsertHost(old, copy(old.hosts[2]!))) as typeof old;
    expect(same).toBe(old);
    const moved = { ...copy(old.hosts[2]!), state: 'unreachable' as const };
    const shared = shareFleet(old, upsertHost(old, moved)) as typeof old;
    expect(shared.hosts[2]!.state).toBe('unreachable');
    expect(shared.hosts[2]!.config).toBe(old.hosts[2]!.config);
    expect(shared.hosts[0]).toBe(old.hosts[0]);
    expect(shared.vms).toBe(old.vms);
  });

  it('sees hosts and VMs removed and added, and shares a select result as react-query does', () => {
    const old = fleet();
    const fewer = { ...old, hosts: old.hosts.slice(1), vms: old.vms.slice(2) };
    const shared = shareFleet(old, fewer) as typeof old;
    expect(shared.hosts).toEqual(fewer.hosts);
    expect(shared.vms).toHaveLength(4);
    expect(shareFleet(undefined, old)).toBe(old);
    const names = old.hosts.map((h) => h.config.name);
    expect(shareFleet(names, [...names])).toBe(names);
  });
});
