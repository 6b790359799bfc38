import { describe, expect, it } from 'vitest';
import { makeHost, makeVm } from '../../testing/fixtures';
import { hostRow, vmRows, type RowInput } from './table-rows';
import { clickSelection, NO_SELECTION } from './table-selection';
import { parsePrefs } from './table-store';
import { flattenGroups, groupRows, sortRows, totalsOf } from './table-view';

const input = (samples: RowInput['samples'] = {}): RowInput => ({
  samples,
  overcommit: { cpuOvercommit: 4, memoryOvercommit: 1 },
  apps: { vcpus: new Map(), memory: new Map() },
});
const sample = (hostId: string, cpu: number, memory: number) => ({
  hostId: hostId as never,
  at: 0,
  host: { cpu, memory, memoryTotalMiB: 65536 },
  vms: [],
});

describe('sortRows', () => {
  const rows = [
    { n: 'hv10', k: 30 },
    { n: 'hv2', k: undefined },
    { n: 'hv1', k: 30 },
    { n: 'hv3', k: 90 },
  ];
  const sorted = (dir: 'asc' | 'desc') =>
    sortRows(
      rows,
      (r) => r.k,
      dir,
      (r) => r.n,
    ).map((r) => r.n);

  it('sorts by the key either way, ties by name in natural order, no figure last both ways', () => {
    expect(sorted('desc')).toEqual(['hv3', 'hv1', 'hv10', 'hv2']);
    expect(sorted('asc')).toEqual(['hv1', 'hv10', 'hv3', 'hv2']);
  });
});

describe('hosts by memory, grouped by zone with totals', () => {
  const hosts = [
    makeHost('hv1', { config: { labels: { zone: 'zone-10' } } }),
    makeHost('hv2', { config: { labels: { zone: 'zone-2' } } }),
    makeHost('hv3', { config: { labels: { zone: 'zone-2' } }, state: 'unreachable' }),
    makeHost('hv4'),
  ];
  const vms = [makeVm('hv1', 'a'), makeVm('hv2', 'b', { state: 'crashed' }), makeVm('hv2', 'c')];
  const rowInput = input({
    hv1: sample('hv1', 50, 32768),
    hv2: sample('hv2', 25, 16384),
    hv4: sample('hv4', 0, 60000),
  });
  const rows = hosts.map((h) =>
    hostRow(
      h,
      vms.filter((v) => v.hostId === h.config.id),
      rowInput,
    ),
  );

  it('reads each host’s figures: memory %, cores busy, what is wrong', () => {
    const [hv1, hv2, hv3] = rows;
    expect(hv1?.memPercent).toBe(50);
    expect(hv1?.cpuUsed).toBe(8); // 50 % of 16 cores
    expect(hv2?.problem).toBe('1 VM crashed');
    expect(hv2?.trouble).toBe(true);
    expect(hv3?.problem).toBe('The host does not answer over SSH');
    expect(hv3?.memPercent).toBeUndefined();
    // Trouble first when sorted by state: the unreachable host, then the crashed VM's host.
    const byState = sortRows(
      rows,
      (r) => r.stateRank,
      'asc',
      (r) => r.host.config.name,
    );
    expect(byState.map((r) => r.id)).toEqual(['hv3', 'hv2', 'hv1', 'hv4']);
  });

  it('groups in natural order, the hosts without the label last, each with its totals', () => {
    const byMemory = sortRows(
      rows,
      (r) => r.memPercent,
      'desc',
      (r) => r.host.config.name,
    );
    const groups = groupRows(
      byMemory,
      (r) => r.host.config.labels.zone ?? '',
      (v) => v || 'No zone',
    );
    expect(groups.map((g) => g.title)).toEqual(['zone-2', 'zone-10', 'No zone']);
    const zone2 = groups[0];
    expect(zone2?.rows.map((r) => r.id)).toEqual(['hv2', 'hv3']); // sorted order kept
    expect(zone2?.totals).toMatchObject({
      hosts: 2,
      vms: 2,
      trouble: 2,
      cpuUsed: 4,
      cpuCapacity: 32,
      cpuMeasured: 1,
      memUsedMiB: 16384,
      memCapacityMiB: 65536 * 2,
    });
    const lines = flattenGroups(groups, new Set(['zone-2']));
    expect(lines.map((l) => (l.kind === 'group' ? `[${l.group.title}]` : l.row.id))).toEqual([
      '[zone-2]',
      '[zone-10]',
      'hv1',
      '[No zone]',
      'hv4',
    ]);
  });

  it('counts a VM group’s hosts once and its vCPUs and memory given as capacity', () => {
    const rowsOfVms = vmRows(hosts, (id) => vms.filter((v) => v.hostId === id), rowInput);
    const totals = totalsOf(rowsOfVms);
    expect(totals).toMatchObject({ hosts: 2, vms: 3, trouble: 1, cpuCapacity: 6 });
    expect(totals.memCapacityMiB).toBe(3 * 2048);
  });
});

describe('clickSelection', () => {
  const order = ['a', 'b', 'c', 'd'];
  it('picks one by a click, adds and removes with Ctrl, a range from the anchor with Shift', () => {
    const one = clickSelection(NO_SELECTION, 'b', order, { shift: false, ctrl: false });
    expect(one).toEqual({ ids: ['b'], anchor: 'b' });
    const two = clickSelection(one, 'd', order, { shift: false, ctrl: true });
    expect(two.ids).toEqual(['b', 'd']);
    expect(clickSelection(two, 'b', order, { shift: false, ctrl: true }).ids).toEqual(['d']);
    const range = clickSelection(one, 'd', order, { shift: true, ctrl: false });
    expect(range).toEqual({ ids: ['b', 'c', 'd'], anchor: 'b' });
    const up = clickSelection(range, 'a', order, { shift: true, ctrl: false });
    expect(up.ids).toEqual(['a', 'b']);
  });
});

describe('parsePrefs', () => {
  const fallback = { sort: { column: 'state', dir: 'asc' as const }, groupBy: null, widths: {} };
  it('keeps what reads and drops the rest', () => {
    const text = JSON.stringify({
      sort: { column: 'memory', dir: 'desc' },
      groupBy: 'zone',
      widths: { name: 220, cpu: 5, labels: 'wide' },
    });
    expect(parsePrefs(text, fallback)).toEqual({
      sort: { column: 'memory', dir: 'desc' },
      groupBy: 'zone',
      widths: { name: 220 },
    });
    expect(parsePrefs('{"sort":{"column":"x","dir":"sideways"}}', fallback).sort).toEqual(
      fallback.sort,
    );
    expect(parsePrefs('not json', fallback)).toBe(fallback);
  });
});
