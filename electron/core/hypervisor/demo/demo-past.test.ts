import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MetricSeries } from '../../../../shared/domain/metrics';
import { createEventHub } from '../../events/event-hub';
import { createEventLog } from '../../events/event-log';
import { MetricsHistory } from '../../metrics/metrics-history';
import { DEMO_PAST_MAX_HOSTS, fillDemoPast } from './demo-past';
import { demoMetricsOf } from './demo-metrics';
import { createDemoFleet, DEFAULT_DEMO_FLEET } from './demo-fleet';
import { DemoWorld } from './demo-world';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanup.splice(0)) undo();
});

function setUp(hosts = DEFAULT_DEMO_FLEET.hosts) {
  const world = new DemoWorld(createDemoFleet({ ...DEFAULT_DEMO_FLEET, hosts }), {
    tickMs: 60_000,
  });
  const dir = mkdtempSync(join(tmpdir(), 'federator-demo-past-'));
  const history = new MetricsHistory(dir);
  const log = createEventLog(
    createEventHub((error) => {
      throw error;
    }),
  );
  cleanup.push(() => {
    world.stop();
    history.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { world, history, log };
}

const DAY = 86_400_000;
const known = (series: MetricSeries) =>
  series.points.flatMap((p) => (p.avg === null ? [] : [{ t: p.t, v: p.avg }]));
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('the demo fleet made up past', () => {
  it('gives every host and running VM 30 days, with the live model’s story in it', async () => {
    const { world, history, log } = setUp();
    const filled = await fillDemoPast(history, world, log);
    const running = [...world.hosts.values()].flatMap((h) =>
      h.vms.filter((vm) => vm.state === 'running'),
    );
    expect(filled).toBeGreaterThanOrEqual(world.hosts.size + running.length);
    expect(log.recent(50).map((e) => e.message)).toContain(
      `Demo fleet: 30 days of utilisation made up for ${filled} hosts and VMs, so its charts have a past`,
    );
    const now = Date.now();
    const hostId = [...world.hosts.keys()][0]!;
    const month = known(
      history.series({ objectId: hostId, metric: 'cpu', from: now - 30 * DAY, to: now }),
    );
    expect(month.length).toBeGreaterThan(1400);
    // A working day: the early afternoon is busier than the small hours, on the 24 h chart.
    const day = known(
      history.series({ objectId: hostId, metric: 'cpu', from: now - DAY, to: now }),
    );
    const at = (hour: number) =>
      mean(day.filter((p) => new Date(p.t).getHours() === hour).map((p) => p.v));
    expect(at(14)).toBeGreaterThan(at(2) * 1.5);
    // The noisy neighbour is pegged in the past too, and every rate is a real percentage.
    const { noisy } = demoMetricsOf(world).characters;
    const pegged = known(
      history.series({ objectId: noisy!, metric: 'cpu', from: now - 30 * DAY, to: now }),
    );
    expect(mean(pegged.map((p) => p.v))).toBeGreaterThan(80);
    expect(month.every((p) => p.v >= 0 && p.v <= 100)).toBe(true);
  });

  it('leaves what has history alone, and makes none for a fleet past the limit', async () => {
    const { world, history, log } = setUp();
    expect(await fillDemoPast(history, world, log)).toBeGreaterThan(0);
    expect(await fillDemoPast(history, world, log)).toBe(0);
    const big = setUp(DEMO_PAST_MAX_HOSTS + 1);
    expect(await fillDemoPast(big.history, big.world, big.log)).toBe(0);
    expect(big.history.size).toBe(0);
  });
});
