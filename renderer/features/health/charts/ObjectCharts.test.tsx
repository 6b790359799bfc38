// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HostId } from '../../../../shared/domain/ids';
import type { MetricSeries, MetricSeriesRequest } from '../../../../shared/domain/metrics';
import { FakeBridge } from '../../../testing/fake-bridge';
import { renderWithApi } from '../../../testing/render';
import { ObjectCharts } from './ObjectCharts';

const NOW = Date.now();
const STEP = 10_000;
const bucket = (ago: number) => Math.floor((NOW - ago * STEP) / STEP) * STEP;

/** A host whose history holds three buckets of CPU (avg 20/22/23, max 41 at the last). */
function bridgeWith(points: (req: MetricSeriesRequest) => MetricSeries['points']): FakeBridge {
  return new FakeBridge()
    .handle('metrics:latest', () => [])
    .handle('metrics:series', (req) => ({
      objectId: req.objectId,
      metric: req.metric,
      tier: req.tier ?? '10s',
      stepMs: STEP,
      points: points(req),
    }));
}

const cpuHistory = (req: MetricSeriesRequest) =>
  req.metric === 'cpu'
    ? [
        { t: bucket(3), avg: 20, max: 25 },
        { t: bucket(2), avg: 22, max: 30 },
        { t: bucket(1), avg: 23, max: 41 },
      ]
    : [];

afterEach(cleanup);

describe('ObjectCharts', () => {
  it('says "no samples yet" instead of drawing an empty box', async () => {
    renderWithApi(
      <ObjectCharts kind="host" objectId="hv1" hostId="hv1" connected />,
      bridgeWith(() => []),
    );
    const cpu = await screen.findByTestId('chart-cpu');
    expect(await within(cpu).findByText(/No samples yet/)).toBeTruthy();
    expect(cpu.querySelector('canvas')).toBeNull();
  });

  it('says why a disconnected host has nothing to draw', async () => {
    renderWithApi(
      <ObjectCharts kind="host" objectId="hv1" hostId="hv1" connected={false} />,
      bridgeWith(() => []),
    );
    expect(
      await within(await screen.findByTestId('chart-memory')).findByText(/not connected/),
    ).toBeTruthy();
  });

  it('draws the history on a canvas and says the latest figures with their max', async () => {
    renderWithApi(
      <ObjectCharts kind="host" objectId="hv1" hostId="hv1" connected />,
      bridgeWith(cpuHistory),
    );
    const cpu = await screen.findByTestId('chart-cpu');
    const legend = await within(cpu).findByTestId('chart-legend');
    expect(legend.textContent).toMatch(/^Latest, \d\d:\d\d:\d\d/);
    expect(legend.textContent).toContain('CPU 23 % (max 41 %)');
    expect(cpu.querySelector('canvas')).not.toBeNull();
    // No CPU history for memory: that chart says so, the CPU one still draws.
    expect(
      within(await screen.findByTestId('chart-memory')).getByTestId('chart-empty'),
    ).toBeTruthy();
  });

  it('appends a new sample to the live hour without asking the core again', async () => {
    const bridge = bridgeWith(cpuHistory);
    renderWithApi(<ObjectCharts kind="host" objectId="hv1" hostId="hv1" connected />, bridge);
    const cpu = await screen.findByTestId('chart-cpu');
    await within(cpu).findByText(/max 41 %/);
    const asked = bridge.callsTo('metrics:series').length;
    act(() =>
      bridge.emit('metrics:sampled', {
        hostId: HostId.parse('hv1'),
        at: NOW + STEP,
        host: { cpu: 57, iowait: 3 },
        vms: [],
      }),
    );
    expect(await within(cpu).findByText('57 % (max 57 %)')).toBeTruthy();
    expect(bridge.callsTo('metrics:series')).toHaveLength(asked);
  });

  it('asks each range in the tier that fits it', async () => {
    const bridge = bridgeWith(cpuHistory);
    renderWithApi(<ObjectCharts kind="vm" objectId="vm-1" hostId="hv1" connected />, bridge);
    await screen.findByText(/max 41 %/);
    fireEvent.click(screen.getByTestId('range-24h'));
    fireEvent.click(await screen.findByTestId('range-30d'));
    await screen.findByText(/max 41 %/);
    const tiers = (bridge.callsTo('metrics:series') as MetricSeriesRequest[])
      .filter((r) => r.metric === 'diskWrite')
      .map((r) => r.tier);
    expect(tiers).toEqual(['10s', '1m', '30m']);
    expect(screen.getByTestId('range-30d').getAttribute('aria-pressed')).toBe('true');
  });

  it('refuses a free range that ends before it starts, in words, and asks nothing', async () => {
    const bridge = bridgeWith(cpuHistory);
    renderWithApi(<ObjectCharts kind="host" objectId="hv1" hostId="hv1" connected />, bridge);
    await screen.findByText(/max 41 %/);
    const asked = bridge.callsTo('metrics:series').length;
    fireEvent.click(screen.getByTestId('range-free'));
    fireEvent.change(screen.getByTestId('range-from'), { target: { value: '2026-01-02T10:00' } });
    fireEvent.change(screen.getByTestId('range-to'), { target: { value: '2026-01-02T09:00' } });
    fireEvent.click(screen.getByTestId('range-show'));
    expect((await screen.findByTestId('range-error')).textContent).toBe(
      'The range must end after it starts.',
    );
    expect(bridge.callsTo('metrics:series')).toHaveLength(asked);
    expect(screen.getByTestId('range-from')).toHaveProperty('value', '2026-01-02T10:00');
  });
});
