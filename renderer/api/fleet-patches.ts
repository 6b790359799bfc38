import type { QueryClient } from '@tanstack/react-query';
import type { FleetSnapshot } from '../../shared/contract/requests';
import { queryKeys } from './query-keys';

/** How long push events' patches of the fleet wait, at most, to be written together. */
export const FLEET_BATCH_MS = 50;
/**
 * How many may wait: a core that sends events without pause (a bug, a flood) gets them written a
 * thousand at a time, not held in a list that only time bounds.
 */
export const FLEET_BATCH_MAX = 1_000;

type Patch = (fleet: FleetSnapshot) => FleetSnapshot;

/**
 * Every write of the cached fleet snapshot, in the order it came. A push event's patch waits up to
 * `FLEET_BATCH_MS` and is written with the others that came meanwhile: at 1,000 hosts the demo's
 * changes come in bursts (dozens of host and VM events within 50 ms), and each write rebuilt the
 * 10,000-VM list, matched it by id and woke every view of the fleet, about 1 ms a write before any
 * view redrew (seen as slow frames in a trace of the VM table's scroll). A request's own answer
 * (`now`) and a fetched snapshot (`flush` first) are written at once, after the waiting patches,
 * so nothing that came earlier is written over something newer.
 */
export class FleetPatches {
  private waiting: Patch[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly queryClient: QueryClient) {}

  /** A push event's patch: written within FLEET_BATCH_MS, with the others waiting. */
  later(patch: Patch): void {
    this.waiting.push(patch);
    if (this.waiting.length >= FLEET_BATCH_MAX) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLEET_BATCH_MS);
  }

  /** A request's answer: the waiting patches, then this one, written now. */
  now(patch: Patch): void {
    this.waiting.push(patch);
    this.flush();
  }

  /** Writes the waiting patches (before a fetched snapshot replaces the cache's). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const patches = this.waiting;
    if (patches.length === 0) return;
    this.waiting = [];
    // Before the first snapshot there is nothing to patch; the snapshot itself carries the change.
    this.queryClient.setQueryData<FleetSnapshot>(
      queryKeys.fleet(),
      (old) => old && patches.reduce((fleet, patch) => patch(fleet), old),
    );
  }

  /** The window stops listening: what is waiting is dropped with it. */
  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = [];
  }
}

const byClient = new WeakMap<QueryClient, FleetPatches>();

/** The one queue of fleet writes for this query client. */
export function fleetPatches(queryClient: QueryClient): FleetPatches {
  let patches = byClient.get(queryClient);
  if (!patches) {
    patches = new FleetPatches(queryClient);
    byClient.set(queryClient, patches);
  }
  return patches;
}
