// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { eventChannels } from '../../shared/contract/events';
import type { FleetSnapshot } from '../../shared/contract/requests';
import type { PlanId } from '../../shared/domain/ids';
import type { Plan } from '../../shared/domain/plan';
import { HostId, type LogEntry } from '../../shared/domain';
import { FakeBridge } from '../testing/fake-bridge';
import { makeFleet, makeHost, makeVm } from '../testing/fixtures';
import { fleetPatches } from './fleet-patches';
import { LOG_LIMIT, queryKeys } from './query-keys';
import type { HostSample } from '../../shared/domain/metrics';
import type { LatestSamples } from './metrics-cache';
import { SAMPLE_BATCH_MS, SUBSCRIBED_PER_CONSOLE, useEventBridge } from './use-event-bridge';
import type { ConnectionSource, ConnectionStatus } from './ws-bridge';
import { SCROLL_SETTLE_MS } from '../ui/use-is-scrolling';

function Bridged(props: { bridge: FakeBridge; connection?: ConnectionSource }) {
  useEventBridge(props.bridge, props.connection);
  return null;
}

function setup(fleet?: FleetSnapshot, log?: LogEntry[]) {
  const bridge = new FakeBridge();
  const queryClient = new QueryClient();
  if (fleet) queryClient.setQueryData(queryKeys.fleet(), fleet);
  if (log) queryClient.setQueryData(queryKeys.log(), log);
  const view = render(
    <QueryClientProvider client={queryClient}>
      <Bridged bridge={bridge} />
    </QueryClientProvider>,
  );
  // The cache once the push events' waiting patches are written (they wait up to FLEET_BATCH_MS,
  // see fleet-patches.test.ts).
  const fleetNow = () => {
    fleetPatches(queryClient).flush();
    return queryClient.getQueryData<FleetSnapshot>(queryKeys.fleet());
  };
  const emit: FakeBridge['emit'] = (channel, event) => act(() => bridge.emit(channel, event));
  return { bridge, queryClient, view, fleetNow, emit };
}

/** An empty latest-samples cache, and how many times it has been written since. */
function countSampleWrites(queryClient: QueryClient): () => number {
  queryClient.setQueryData<LatestSamples>(queryKeys.metricsLatest(), {});
  const hash = queryClient.getQueryCache().find({ queryKey: queryKeys.metricsLatest() })?.queryHash;
  let writes = 0;
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.query.queryHash === hash) writes += 1;
  });
  return () => writes;
}

const entry = (seq: number, message = `line ${seq}`): LogEntry => ({
  seq,
  at: seq * 1000,
  level: 'info',
  message,
});

describe('useEventBridge', () => {
  const hv1 = makeHost('hv1');
  const hv2 = makeHost('hv2');
  const vmA = makeVm('hv1', 'a');
  const vmB = makeVm('hv2', 'b');

  it('hosts:changed replaces a known host and appends a new one', () => {
    const { emit, fleetNow } = setup(makeFleet([hv1, hv2]));
    emit('hosts:changed', { ...hv1, state: 'unreachable', stateDetail: 'timed out' });
    emit('hosts:changed', makeHost('hv3'));
    expect(fleetNow()?.hosts.map((h) => [h.config.name, h.state])).toEqual([
      ['hv1', 'unreachable'],
      ['hv2', 'connected'],
      ['hv3', 'connected'],
    ]);
    expect(fleetNow()?.hosts[1]).toBe(hv2); // untouched hosts keep their identity (no re-render)
  });

  it('hosts:removed drops the host and its VMs', () => {
    const { emit, fleetNow } = setup(makeFleet([hv1, hv2], [vmA, vmB]));
    emit('hosts:removed', { hostId: HostId.parse('hv1') });
    expect(fleetNow()?.hosts).toEqual([hv2]);
    expect(fleetNow()?.vms).toEqual([vmB]);
  });

  it("vms:changed replaces that host's VMs whole and leaves the others", () => {
    const { emit, fleetNow } = setup(makeFleet([hv1, hv2], [vmA, vmB]));
    const c = makeVm('hv1', 'c', { state: 'shutoff' });
    emit('vms:changed', { hostId: HostId.parse('hv1'), vms: [c] });
    expect(fleetNow()?.vms).toEqual([vmB, c]);
    emit('vms:changed', { hostId: HostId.parse('hv1'), vms: [] });
    expect(fleetNow()?.vms).toEqual([vmB]);
  });

  it('demo:changed off drops the simulated hosts and their VMs; on only sets the flag', () => {
    const demoHost = makeHost('demo-hv01', { config: { driver: 'demo' } });
    const demoVm = makeVm('demo-hv01', 'web-1');
    const { emit, fleetNow } = setup(makeFleet([hv1, demoHost], [vmA, demoVm], true));
    emit('demo:changed', { enabled: false });
    expect(fleetNow()).toEqual({ hosts: [hv1], vms: [vmA], demo: false });
    emit('demo:changed', { enabled: true });
    expect(fleetNow()?.demo).toBe(true);
  });

  it('log:appended puts the line first, once, and caps the list', () => {
    const old = Array.from({ length: LOG_LIMIT }, (_, i) => entry(LOG_LIMIT - i));
    const { emit, queryClient } = setup(undefined, old);
    emit('log:appended', entry(LOG_LIMIT + 1, 'newest'));
    emit('log:appended', entry(LOG_LIMIT + 1, 'newest'));
    const log = queryClient.getQueryData<LogEntry[]>(queryKeys.log())!;
    expect(log).toHaveLength(LOG_LIMIT);
    expect(log[0]?.message).toBe('newest');
    expect(log[1]?.seq).toBe(LOG_LIMIT);
  });

  it('log:appended caps info lines and problems apart: info lines push out no warning', () => {
    const warning = { ...entry(1, 'warning'), level: 'warning' as const };
    const { emit, queryClient } = setup(undefined, [warning]);
    for (let seq = 2; seq <= LOG_LIMIT + 50; seq++) emit('log:appended', entry(seq));
    const log = queryClient.getQueryData<LogEntry[]>(queryKeys.log())!;
    expect(log).toHaveLength(LOG_LIMIT + 1);
    expect(log.at(-1)).toEqual(warning);
  });

  it('ignores events that arrive before the first snapshot (the snapshot will carry them)', () => {
    const { emit, fleetNow } = setup();
    emit('hosts:changed', hv1);
    expect(fleetNow()).toBeUndefined();
  });

  it('replaces a plan whole on plans:changed and puts a new one first', () => {
    const { emit, queryClient } = setup(makeFleet([]));
    const plan = (id: string, status: Plan['status']): Plan => ({
      id: id as PlanId,
      kind: 'move',
      title: id,
      status,
      createdAt: 1,
      updatedAt: 1,
      concurrency: 2,
      steps: [],
    });
    queryClient.setQueryData(queryKeys.plans(), [plan('a', 'running')]);
    emit('plans:changed', plan('a', 'done'));
    emit('plans:changed', plan('b', 'review'));
    const plans = queryClient.getQueryData<Plan[]>(queryKeys.plans());
    expect(plans?.map((p) => [p.id, p.status])).toEqual([
      ['b', 'review'],
      ['a', 'done'],
    ]);
  });

  it('writes a round of host samples to the cache once, not once per host, and drops a removed host’s', async () => {
    const { emit, queryClient } = setup(makeFleet([]));
    const writes = countSampleWrites(queryClient);
    const sample = (host: number): HostSample => ({
      hostId: HostId.parse(`hv${host}`),
      at: 1_000,
      host: { cpu: host % 100 },
      vms: [],
    });
    for (let host = 1; host <= 1_000; host++) emit('metrics:sampled', sample(host));
    expect(writes()).toBe(0);
    emit('hosts:removed', { hostId: HostId.parse('hv7') }); // one write: the host's sample gone
    await act(() => new Promise((done) => setTimeout(done, SAMPLE_BATCH_MS * 2)));
    const latest = queryClient.getQueryData<LatestSamples>(queryKeys.metricsLatest()) ?? {};
    expect(writes()).toBe(2);
    expect(Object.keys(latest)).toHaveLength(999);
    expect(latest.hv7).toBeUndefined();
    expect(latest.hv1000?.host.cpu).toBe(0);
  });

  it('while the page scrolls, holds the samples until it is still, then writes them once', () => {
    vi.useFakeTimers();
    try {
      const { emit, queryClient } = setup(makeFleet([]));
      const writes = countSampleWrites(queryClient);
      const scroller = document.createElement('div');
      document.body.append(scroller);
      const scroll = () => act(() => void scroller.dispatchEvent(new Event('scroll')));
      const wait = (ms: number) => act(() => void vi.advanceTimersByTime(ms));
      scroll();
      for (let host = 1; host <= 100; host++) {
        emit('metrics:sampled', { hostId: HostId.parse(`hv${host}`), at: 1, host: {}, vms: [] });
      }
      // Scrolling on for a second, a frame at a time: nothing written meanwhile.
      for (let frame = 0; frame < 60; frame++) {
        wait(16);
        scroll();
      }
      expect(writes()).toBe(0);
      wait(SCROLL_SETTLE_MS);
      expect(writes()).toBe(1);
      const latest = queryClient.getQueryData<LatestSamples>(queryKeys.metricsLatest()) ?? {};
      expect(Object.keys(latest)).toHaveLength(100);
      // Still: a sample is written after SAMPLE_BATCH_MS as before.
      emit('metrics:sampled', { hostId: HostId.parse('hv101'), at: 1, host: {}, vms: [] });
      wait(SAMPLE_BATCH_MS);
      expect(writes()).toBe(2);
      scroller.remove();
    } finally {
      vi.useRealTimers();
    }
  });

  it('unsubscribes everything on unmount', () => {
    const { bridge, view } = setup(makeFleet([]));
    // One listener per event of the contract (but a console's own, which its terminal reads): a
    // new event nobody bridges fails here.
    expect(bridge.listenerCount()).toBe(eventChannels.length - SUBSCRIBED_PER_CONSOLE.length);
    view.unmount();
    expect(bridge.listenerCount()).toBe(0);
  });

  it('refetches server data after the socket comes back, not on the first open', async () => {
    const listeners = new Set<(s: ConnectionStatus) => void>();
    const connection: ConnectionSource = {
      status: 'connecting',
      retryInMs: 0,
      everOpened: false,
      onStatus: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    const bridge = new FakeBridge();
    const queryClient = new QueryClient();
    queryClient.setQueryData(queryKeys.fleet(), makeFleet([]));
    render(
      <QueryClientProvider client={queryClient}>
        <Bridged bridge={bridge} connection={connection} />
      </QueryClientProvider>,
    );
    const say = (s: ConnectionStatus) => listeners.forEach((l) => l(s));
    say('open');
    expect(queryClient.getQueryState(queryKeys.fleet())?.isInvalidated).toBe(false);
    say('reconnecting');
    say('open');
    await Promise.resolve();
    expect(queryClient.getQueryState(queryKeys.fleet())?.isInvalidated).toBe(true);
  });
});
