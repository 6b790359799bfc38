import { describe, expect, it } from 'vitest';
import { makeHost } from '../../testing/fixtures';
import { groupTiles, labelKeys } from './heat-groups';
import type { HeatTile } from './heat-tiles';

function tile(name: string, labels: Record<string, string>, percent?: number, problem = false) {
  return {
    hostId: name,
    name,
    labels,
    health: problem ? 'down' : 'ok',
    healthWords: '',
    key: 'b0',
    problem,
    valueWords: '',
    label: name,
    percent,
  } as HeatTile;
}

describe('grouping the heat map', () => {
  const tiles = [
    tile('hv10', { zone: 'zone-10' }, 50),
    tile('hv2', { zone: 'zone-2' }, 10),
    tile('hv1', { zone: 'zone-2' }, 30, true),
    tile('hv3', { rack: 'r1' }),
    tile('hv4', { zone: 'zone-2' }),
  ];

  it('groups by a label in natural order, hosts without it last', () => {
    const groups = groupTiles(tiles, 'zone');
    expect(groups.map((g) => g.title)).toEqual(['zone-2', 'zone-10', 'No zone']);
    expect(groups[0]?.tiles.map((t) => t.name)).toEqual(['hv1', 'hv2', 'hv4']);
  });

  it('counts problems and averages the figures it has, not the hosts without one', () => {
    const [two, ten, none] = groupTiles(tiles, 'zone');
    expect(two).toMatchObject({ problems: 1, average: 20, measured: 2 });
    expect(ten).toMatchObject({ problems: 0, average: 50, measured: 1 });
    expect(none).toMatchObject({ average: undefined, measured: 0 });
  });

  it('makes one group of all without a label', () => {
    const groups = groupTiles(tiles, null);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ title: 'All hosts', measured: 3, problems: 1 });
    expect(groups[0]?.average).toBeCloseTo(30);
  });

  it('offers the label keys the hosts carry, zone and rack first', () => {
    const hosts = [
      makeHost('a', { config: { labels: { disk: 'ssd', rack: 'r1' } } }),
      makeHost('b', { config: { labels: { zone: 'z', gpu: 'yes' } } }),
    ];
    expect(labelKeys(hosts)).toEqual(['zone', 'rack', 'disk', 'gpu']);
  });
});
