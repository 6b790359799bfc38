import type { QueryClient } from '@tanstack/react-query';
import type { FleetSnapshot } from '../../shared/contract/requests';
import type { ScrollHold } from '../ui/use-is-scrolling';
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
 *
 * While the page scrolls, push events' patches wait until it is still, as the host samples do
 * (use-event-bridge.ts): a console whose hosts are still connecting sends hundreds of host and VM
 * events a second, and each write redraws the views in frames that also draw the scroll's new rows.
 * (In two CI runs the card grid's scroll ran while 262-670 of the 1,000 demo hosts were still
 * connecting and missed the 20 ms goal; run here after they had connected, it met it.) They land
 * SCROLL_SETTLE_MS after the scroll stops; FLEET_BATCH_MAX still bounds what waits.
 */
export class FleetPatches {
  private waiting: Patch[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private page: ScrollHold | undefined;
  private held = false;

  constructor(private readonly queryClient: QueryClient) {}

  /** The page whose scrolling holds push events' patches (undefined: none holds them). */
  holdWhileScrolling(page: ScrollHold | undefined): void {
    this.page = page;
    this.held = false;
  }

  /** A push event's patch: written within FLEET_BATCH_MS, with the others waiting. */
  later(patch: Patch): void {
    this.waiting.push(patch);
    if (this.waiting.length >= FLEET_BATCH_MAX) this.flush();
    else if (!this.held) this.timer ??= setTimeout(() => this.flushWhenStill(), FLEET_BATCH_MS);
  }

  /** The timer's write: now if the page is still, else once it is. */
  private flushWhenStill(): void {
    this.timer = undefined;
    const page = this.page;
    if (page?.scrolling()) {
      this.held = true;
      page.whenStill(() => this.flush());
      return;
    }
    this.flush();
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
    this.held = false;
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
    this.held = false;
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
