import { describe, expect, it } from 'vitest';
import { app, host } from './fixtures';
import type { PlacementInput } from './input-types';
import { place } from './place';
import type { Suggestion, UnplacedVm } from './plan-types';
import { ID_NAMER } from '../words/namer';
import { suggestionWords, unplacedWords } from '../words/plan-words';

const words = (u: UnplacedVm | undefined) => (u ? unplacedWords(u, ID_NAMER) : undefined);
const said = (s: Suggestion) => suggestionWords(s, ID_NAMER);

describe('explanations of unplaced VMs', () => {
  const input: PlacementInput = {
    hosts: [
      host('m1', 16, 16384, { state: 'maintenance' }),
      host('small1', 16, 12288),
      host('small2', 16, 3584),
      host('taken', 16, 16384),
      host('ssd-less', 16, 16384, { labels: {} }),
      host('down', 16, 16384, { state: 'down' }),
    ],
    applications: [
      app('web', 2, 8192, { replicas: 2, spread: { across: 'host', strength: 'hard' } }),
      app('filler', 1, 8192),
    ],
    vms: [
      { id: 'web-1', application: 'web', host: 'taken' },
      { id: 'filler-1', application: 'filler', host: 'small1' },
    ],
  };

  it('groups refused hosts by reason, most hosts first, with the smallest shortfall', () => {
    const hosts = input.hosts.filter((h) => h.id !== 'ssd-less');
    const plan = place({ ...input, hosts });
    expect(plan.unplaced).toHaveLength(1);
    expect(words(plan.unplaced[0])).toEqual([
      '2 hosts: memory short by ≥ 4.0 GiB',
      '1 host: not available',
      '1 host: in maintenance',
      '1 host: anti-affinity with web-1',
    ]);
    expect(plan.unplaced[0]?.refusals[0]).toMatchObject({
      code: 'memory',
      hosts: 2,
      sample: ['small1', 'small2'],
      shortBy: 4096,
    });
  });

  it('suggests the smallest change first: free memory on the closest host', () => {
    const hosts = input.hosts.filter((h) => h.id !== 'ssd-less');
    const [first, ...rest] = place({ ...input, hosts }).unplaced[0]?.suggestions ?? [];
    expect(first).toEqual({
      kind: 'free-resources',
      host: 'small1',
      resources: { cpu: 0, memoryMiB: 4096, diskGiB: 0 },
    });
    expect(first && said(first)).toBe('free 4.0 GiB of memory on small1');
    expect(rest.map(said)).toEqual([
      'take m1 out of maintenance',
      'make the host spread rule of web soft: 1 host would fit',
      'add a host with at least 2 cores, 8.0 GiB of memory',
    ]);
  });

  it('suggests relaxing a label requirement and sizes the host to add', () => {
    const plan = place({
      hosts: [host('a', 8, 8192), host('b', 8, 8192)],
      applications: [app('db', 4, 4096, { requiredLabels: { ssd: 'true' }, hypervisor: 'kvm' })],
      policy: { cpuOvercommit: 2 },
    });
    const u = plan.unplaced[0];
    expect(words(u)).toEqual(['2 hosts: hypervisor is not kvm']);
    expect(u?.suggestions.map(said)).toEqual([
      'add a host with at least 2 cores, 4.0 GiB of memory (hypervisor kvm; labels ssd=true)',
    ]);
    const labelsOnly = place({
      hosts: [host('a', 8, 8192), host('b', 8, 8192)],
      applications: [app('db', 4, 4096, { requiredLabels: { ssd: 'true' } })],
    });
    expect(words(labelsOnly.unplaced[0])).toEqual(['2 hosts: no label ssd=true']);
    expect(labelsOnly.unplaced[0]?.suggestions.map(said)[0]).toBe(
      'drop the label requirements of db: 2 hosts would fit',
    );
  });

  it('never suggests freeing a host too small to ever fit the VM', () => {
    const plan = place({ hosts: [host('a', 8, 1024)], applications: [app('big', 1, 4096)] });
    expect(plan.unplaced[0]?.suggestions.map((s) => s.kind)).toEqual(['add-host']);
  });

  it('says so when there is no host at all', () => {
    expect(words(place({ hosts: [], applications: [app('x', 1, 1)] }).unplaced[0])).toEqual([
      'no hosts in the fleet',
    ]);
  });
});

describe('explanations of placed VMs', () => {
  it('gives the chosen host and the runners-up with per-criterion scores', () => {
    const plan = place({
      hosts: [host('a', 8, 8192), host('b', 8, 4096), host('c', 16, 16384)],
      applications: [app('x', 2, 2048)],
      policy: { mode: 'spread' },
    });
    const e = plan.explanations[0];
    expect(e?.host).toBe('c');
    expect(e?.criteria).toEqual({
      capacity: 0.875,
      inUse: 0,
      spread: 0,
      colocate: 0,
      total: 0.875,
    });
    expect(e?.runnersUp.map((r) => [r.host, r.criteria.total])).toEqual([
      ['a', 0.75],
      ['b', 0.5],
    ]);
  });

  it('shows the soft rules at work', () => {
    const plan = place({
      hosts: [host('a', 8, 8192), host('b', 8, 8192)],
      applications: [
        app('web', 1, 1024),
        app('cache', 1, 1024, { colocate: { with: 'web', strength: 'soft' } }),
      ],
      vms: [{ id: 'web-1', application: 'web', host: 'b' }],
      policy: { mode: 'pack' },
    });
    const e = plan.explanations.find((x) => x.vm === 'cache-1');
    expect(e?.host).toBe('b');
    expect(e?.criteria).toMatchObject({ inUse: 1, colocate: 2 });
    expect(e?.runnersUp[0]).toMatchObject({ host: 'a', criteria: { inUse: 0, colocate: 0 } });
  });

  it('can be turned off', () => {
    const input = { hosts: [host('a', 8, 8192)], applications: [app('x', 1, 1)] };
    expect(place(input, { explain: false }).explanations).toEqual([]);
  });
});
