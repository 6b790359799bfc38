/**
 * The page `heatmap.bench.ts` loads in Chromium: the heat map's grid (the real HeatGrid, tile model
 * and grouping) over 1,000 hosts of 10 VMs in 20 zones, coloured by CPU, then a new sample for
 * every host, again and again; and the same with a naive grid for the baseline. Bundled by esbuild.
 */
import { createElement, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { HostId, type Vm } from '../shared/domain';
import type { HostSample } from '../shared/domain/metrics';
import { makeHost, makeVm } from '../renderer/testing/fixtures';
import { groupTiles, type HeatGroup } from '../renderer/features/heatmap/heat-groups';
import { buildTiles } from '../renderer/features/heatmap/heat-tiles';
import { HeatGrid } from '../renderer/features/heatmap/HeatGrid';
import { firstStep, TILE_STEPS } from '../renderer/features/heatmap/heat-fit';

const HOSTS = 1000;
const hosts = Array.from({ length: HOSTS }, (_, i) =>
  makeHost(`hv${String(i + 1).padStart(4, '0')}`, {
    state: i % 25 === 3 ? 'hypervisor-problem' : 'connected',
    config: { labels: { zone: `zone-${(i % 20) + 1}`, rack: `r${Math.floor(i / 200) + 1}` } },
  }),
);
const vmsByHost = new Map<string, Vm[]>(
  hosts.map((h) => [
    h.config.id,
    Array.from({ length: 10 }, (_, v) => makeVm(h.config.id, `vm-${v}`)),
  ]),
);
const apps = { vcpus: new Map<string, number>(), memory: new Map<string, number>() };

/** Round r's samples: every host's CPU moves (a walk of a few % a round), memory too. */
function samplesAt(round: number): Record<string, HostSample> {
  const out: Record<string, HostSample> = {};
  hosts.forEach((host, i) => {
    const cpu = 50 + 45 * Math.sin(i * 0.7 + round * 0.15) * Math.cos(i * 0.13);
    out[host.config.id] = {
      hostId: HostId.parse(host.config.id),
      at: round * 10_000,
      host: { cpu, memory: 20_000 + ((i * 37 + round * 11) % 40_000), memoryTotalMiB: 65_536 },
      vms: [],
    };
  });
  return out;
}

function groupsAt(round: number): HeatGroup[] {
  const input = { hosts, vmsByHost, samples: samplesAt(round), overcommit: undefined, apps };
  return groupTiles(buildTiles(input, 'cpu'), 'zone');
}

/** The baseline: the same buttons drawn the straightforward way, unmemoised, exact figure in a title. */
function NaiveGrid(props: { groups: HeatGroup[] }): ReactElement {
  return createElement(
    'div',
    { className: 'heat-groups heat-size-small' },
    props.groups.map((group) =>
      createElement(
        'section',
        { key: group.value, className: 'heat-group', style: { flexBasis: '176px' } },
        createElement('h3', { className: 'heat-group-title' }, group.title),
        createElement(
          'div',
          { className: 'heat-tiles' },
          group.tiles.map((tile) =>
            createElement('button', {
              key: tile.hostId,
              type: 'button',
              className: 'heat-tile',
              'data-heat': tile.key,
              'data-problem': tile.problem ? 'true' : undefined,
              'aria-label': tile.label,
              title: `${tile.name}: ${tile.valueWords}`,
              onClick: () => undefined,
            }),
          ),
        ),
      ),
    ),
  );
}

const grids = {
  memoised: (groups: HeatGroup[]) =>
    createElement(HeatGrid, {
      groups,
      colourBy: 'cpu',
      step: TILE_STEPS[firstStep(HOSTS)]!,
      selectedHostId: null,
      shown: () => true,
      onOpen: () => undefined,
    }),
  naive: (groups: HeatGroup[]) => createElement(NaiveGrid, { groups }),
};

const frame = () => new Promise((done) => requestAnimationFrame(() => done(undefined)));

let root: Root | undefined;
let kind: keyof typeof grids = 'memoised';
const container = () => document.getElementById('root') as HTMLElement;

/** One draw, timed from the new samples to the laid-out DOM (style and layout, not only React). */
async function draw(round: number): Promise<number> {
  const started = performance.now();
  const groups = groupsAt(round);
  flushSync(() => root?.render(grids[kind](groups)));
  container().getBoundingClientRect();
  const ms = performance.now() - started;
  await frame();
  return ms;
}

(window as unknown as { heatBench: unknown }).heatBench = {
  /** Mounts a grid: round 0 is its first render. */
  start(which: keyof typeof grids): Promise<number> {
    kind = which;
    root = createRoot(container());
    return draw(0);
  },
  draw,
  stop(): number {
    const tiles = container().querySelectorAll('.heat-tile').length;
    root?.unmount();
    return tiles;
  },
};
