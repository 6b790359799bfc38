import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FleetSnapshot } from '../../shared/contract/requests';
import { HostId } from '../../shared/domain';
import { makeFleet, makeHost, makeVm } from '../testing/fixtures';
import { replaceHostVms, upsertHost } from './fleet-cache';
import { FLEET_BATCH_MAX, FLEET_BATCH_MS, fleetPatches } from './fleet-patches';
import { queryKeys } from './query-keys';

function cached(fleet: FleetSnapshot) {
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.fleet(), fleet);
  let writes = 0;
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'success') writes++;
  });
  const now = () => queryClient.getQueryData<FleetSnapshot>(queryKeys.fleet())!;
  return { queryClient, patches: fleetPatches(queryClient), now, writes: () => writes };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('fleetPatches', () => {
  const hosts = Array.from({ length: 100 }, (_, i) => makeHost(`hv${i}`));

  it('writes a burst of push events once, FLEET_BATCH_MS after the first, in their order', () => {
    const { patches, now, writes } = cached(makeFleet(hosts));
    for (const host of hosts)
      patches.later((f) => upsertHost(f, { ...host, state: 'unreachable' }));
    patches.later((f) => upsertHost(f, { ...hosts[0]!, state: 'connected' }));
    expect(writes()).toBe(0);
    vi.advanceTimersByTime(FLEET_BATCH_MS - 1);
    expect(writes()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(writes()).toBe(1);
    expect(now().hosts.filter((h) => h.state === 'unreachable')).toHaveLength(99);
    expect(now().hosts[0]!.state).toBe('connected'); // the later event of the same host wins
  });

  it('a flood of events is written FLEET_BATCH_MAX at a time, without waiting for the timer', () => {
    const { patches, now, writes } = cached(makeFleet([hosts[0]!]));
    const flood = FLEET_BATCH_MAX * 2 + 500;
    for (let i = 0; i < flood; i++) {
      patches.later((f) => upsertHost(f, { ...hosts[0]!, stateDetail: `event ${i}` }));
    }
    expect(writes()).toBe(2);
    expect(now().hosts[0]!.stateDetail).toBe(`event ${FLEET_BATCH_MAX * 2 - 1}`);
    vi.advanceTimersByTime(FLEET_BATCH_MS);
    expect(writes()).toBe(3);
    expect(now().hosts[0]!.stateDetail).toBe(`event ${flood - 1}`);
  });

  it('while the page scrolls, holds push events until it is still; an answer or a flood still writes at once', () => {
    const { patches, now, writes } = cached(makeFleet([hosts[0]!]));
    let scrolling = true;
    let settle: (() => void) | undefined;
    patches.holdWhileScrolling({
      scrolling: () => scrolling,
      whenStill: (then) => {
        if (scrolling) settle = then;
        else then();
      },
    });
    patches.later((f) =>
      upsertHost(f, { ...hosts[0]!, state: 'connecting', stateDetail: 'first' }),
    );
    vi.advanceTimersByTime(FLEET_BATCH_MS * 20);
    expect(writes()).toBe(0); // a second of scrolling: held
    patches.later((f) =>
      upsertHost(f, { ...hosts[0]!, state: 'connecting', stateDetail: 'later' }),
    );
    vi.advanceTimersByTime(FLEET_BATCH_MS * 2);
    expect(writes()).toBe(0);
    scrolling = false;
    settle?.();
    expect(writes()).toBe(1); // both, in their order
    expect(now().hosts[0]).toMatchObject({ state: 'connecting', stateDetail: 'later' });
    // Scrolling again: a request's answer is written at once, with what waited before it.
    scrolling = true;
    patches.later((f) =>
      upsertHost(f, { ...hosts[0]!, state: 'unreachable', stateDetail: 'held' }),
    );
    vi.advanceTimersByTime(FLEET_BATCH_MS);
    expect(writes()).toBe(1);
    patches.now((f) => upsertHost(f, { ...hosts[0]!, state: 'connected', stateDetail: 'answer' }));
    expect(writes()).toBe(2); // one write: the held event, then the answer over it
    expect(now().hosts[0]).toMatchObject({ state: 'connected', stateDetail: 'answer' });
    // And a flood while scrolling is still written FLEET_BATCH_MAX at a time.
    for (let i = 0; i < FLEET_BATCH_MAX; i++) {
      patches.later((f) => upsertHost(f, { ...hosts[0]!, stateDetail: `event ${i}` }));
    }
    expect(writes()).toBe(3);
    patches.holdWhileScrolling(undefined);
  });

  it("writes a request's answer at once, after the push events that came before it", () => {
    const { patches, now, writes } = cached(makeFleet([hosts[0]!]));
    patches.later((f) => upsertHost(f, { ...hosts[0]!, state: 'connecting' }));
    patches.now((f) => upsertHost(f, { ...hosts[0]!, state: 'connected' }));
    expect(writes()).toBe(1);
    expect(now().hosts[0]!.state).toBe('connected');
    vi.advanceTimersByTime(FLEET_BATCH_MS * 2); // nothing waiting any more: the older state stays out
    expect(now().hosts[0]!.state).toBe('connected');
    expect(writes()).toBe(1);
  });

  it('a fetched snapshot set after flush() is not written over by older events', () => {
    const { queryClient, patches, now } = cached(makeFleet([hosts[0]!], []));
    const hv0 = HostId.parse('hv0');
    patches.later((f) => replaceHostVms(f, hv0, [makeVm('hv0', 'old')]));
    patches.flush(); // what useFleet's fetch does before its answer is cached
    queryClient.setQueryData(queryKeys.fleet(), makeFleet([hosts[0]!], [makeVm('hv0', 'new')]));
    vi.advanceTimersByTime(FLEET_BATCH_MS * 2);
    expect(now().vms.map((vm) => vm.name)).toEqual(['new']);
  });

  it('before the first snapshot a patch writes nothing; stop() drops what waits', () => {
    const queryClient = new QueryClient();
    const patches = fleetPatches(queryClient);
    patches.now((f) => upsertHost(f, hosts[0]!));
    expect(queryClient.getQueryData(queryKeys.fleet())).toBeUndefined();
    queryClient.setQueryData(queryKeys.fleet(), makeFleet([]));
    patches.later((f) => upsertHost(f, hosts[0]!));
    patches.stop();
    vi.advanceTimersByTime(FLEET_BATCH_MS * 2);
    expect(queryClient.getQueryData<FleetSnapshot>(queryKeys.fleet())!.hosts).toEqual([]);
  });

  it('is one queue per query client', () => {
    const a = new QueryClient();
    expect(fleetPatches(a)).toBe(fleetPatches(a));
    expect(fleetPatches(a)).not.toBe(fleetPatches(new QueryClient()));
  });
});
