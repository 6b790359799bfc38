import { describe, expect, it } from 'vitest';
import { HostId, type Host, type Vm } from '../../../shared/domain';
import type { HostSample } from '../../../shared/domain/metrics';
import { makeHost, makeVm } from '../../testing/fixtures';
import { buildTiles, hostHealth, type HeatInput } from './heat-tiles';

function input(hosts: Host[], vms: Vm[], samples: HostSample[] = []): HeatInput {
  const vmsByHost = new Map<string, Vm[]>();
  for (const vm of vms) vmsByHost.set(vm.hostId, [...(vmsByHost.get(vm.hostId) ?? []), vm]);
  return {
    hosts,
    vmsByHost,
    samples: Object.fromEntries(samples.map((s) => [s.hostId, s])),
    overcommit: { cpuOvercommit: 4, memoryOvercommit: 1 },
    apps: { vcpus: new Map(), memory: new Map() },
  };
}

const sample = (hostId: string, cpu: number, memory: number): HostSample => ({
  hostId: HostId.parse(hostId),
  at: 0,
  host: { cpu, memory, memoryTotalMiB: 65536 },
  vms: [],
});

describe('host health on the heat map', () => {
  it('tells a crashed VM, a hypervisor problem, a host down and a waiting one apart', () => {
    const ok = makeHost('ok');
    expect(hostHealth(ok, [makeVm('ok', 'web')])).toEqual({ level: 'ok', words: 'Connected' });
    expect(hostHealth(ok, [makeVm('ok', 'a', { state: 'crashed' })])).toEqual({
      level: 'vm-trouble',
      words: 'Connected · 1 VM crashed',
    });
    expect(hostHealth(makeHost('h', { state: 'hypervisor-problem' }), []).level).toBe('hypervisor');
    const down = makeHost('d', { state: 'unreachable', stateDetail: 'No answer on 10.0.0.9:22' });
    expect(hostHealth(down, [])).toEqual({
      level: 'down',
      words: 'Unreachable: No answer on 10.0.0.9:22',
    });
    expect(hostHealth(makeHost('c', { state: 'connecting' }), []).level).toBe('waiting');
    expect(hostHealth(makeHost('x', { state: 'disconnected' }), []).level).toBe('off');
    const locked = makeHost('p', {
      state: 'auth-failed',
      problem: { code: 'auth-failed', message: 'key locked', passphrase: 'missing' },
    });
    expect(hostHealth(locked, [])).toEqual({ level: 'waiting', words: 'Needs passphrase' });
  });
});

describe('the tile model', () => {
  const hosts = [makeHost('hv1'), makeHost('hv2', { state: 'unreachable' }), makeHost('hv3')];
  const vms = [makeVm('hv1', 'web', { vcpus: 16 }), makeVm('hv3', 'db', { state: 'crashed' })];

  it('colours by health with the problem hosts marked', () => {
    const tiles = buildTiles(input(hosts, vms), 'health');
    expect(tiles.map((t) => [t.name, t.key, t.problem])).toEqual([
      ['hv1', 'ok', false],
      ['hv2', 'down', true],
      ['hv3', 'vm-trouble', true],
    ]);
    expect(tiles[2]?.label).toBe('hv3: Connected · 1 VM crashed');
  });

  it('colours by CPU in bands, says the exact figure, and keeps the label to the band', () => {
    const tiles = buildTiles(input(hosts, vms, [sample('hv1', 43.4, 1024)]), 'cpu');
    expect(tiles[0]).toMatchObject({
      key: 'b2',
      percent: 43.4,
      valueWords: 'CPU 43 % of 16 cores',
      label: 'hv1: Connected, CPU 40–60 %',
    });
    // No sample: no figure; a host in trouble stays marked as such.
    expect(tiles[1]).toMatchObject({
      key: 'down',
      problem: true,
      valueWords: 'CPU: no sample yet',
    });
    expect(tiles[2]).toMatchObject({ key: 'vm-trouble', problem: true });
    expect(buildTiles(input([makeHost('hv4')], []), 'cpu')[0]).toMatchObject({
      key: 'none',
      problem: false,
    });
    // A new sample in the same band changes the words, not what the tile renders from.
    const next = buildTiles(input(hosts, vms, [sample('hv1', 47.9, 1024)]), 'cpu');
    expect(next[0]?.label).toBe(tiles[0]?.label);
    expect(next[0]?.valueWords).toBe('CPU 48 % of 16 cores');
  });

  it('colours by memory used against the sampled total', () => {
    const [tile] = buildTiles(input(hosts, vms, [sample('hv1', 5, 61440)]), 'memory');
    expect(tile).toMatchObject({ key: 'b5', valueWords: 'Memory 94 % used: 60.0 GiB of 64.0 GiB' });
  });

  it('colours by allocation as the engine counts it (cores × overcommit, memory × ratio)', () => {
    const [vcpus] = buildTiles(input(hosts, vms), 'vcpus');
    // 16 vCPUs on 16 cores × 4 = 64: a quarter.
    expect(vcpus).toMatchObject({ key: 'b1', percent: 25 });
    expect(vcpus?.valueWords).toBe(
      'vCPUs allocated 25 %: 48 of 64 vCPUs free · 16 cores × 4 overcommit',
    );
    const [promised] = buildTiles(input(hosts, vms), 'promised');
    expect(promised).toMatchObject({ percent: 3.125, key: 'b0' });
    expect(promised?.valueWords).toBe('Memory promised 3.1 %: 2.0 GiB of 64.0 GiB');
  });
});
