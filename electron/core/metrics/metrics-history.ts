import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  MAX_SERIES_POINTS,
  METRIC_TIERS,
  metricsOf,
  tierFor,
  type HostUsage,
  type MetricKind,
  type VmUsage,
  type MetricSeries,
  type MetricSeriesRequest,
  type MetricTier,
} from '../../../shared/domain/metrics';
import { AppError } from '../../../shared/errors';
import { RingFile } from './ring-file';

/** Objects per ring file: one row of a block is 256 × 52 bytes. */
export const BLOCK_SLOTS = 256;
/** Channels per object: hosts and VMs have six metrics each. */
export const CHANNELS = 6;
/**
 * Hosts and VMs whose history is kept: past this, the one not seen for longest gives its slot up.
 * This is what bounds the disk (about 170 KB per object, 2.7 GiB at most) and the memory.
 */
export const MAX_OBJECTS = 16_384;
/** fillPast works this long at most before it lets the event loop turn (the core shares it). */
const PAST_TURN_MS = 8;
/** The coarse tiers' current rows are written this often (the 10 s tier at every round). */
const COARSE_FLUSH_MS = 60_000;
/**
 * Objects new to the history are written to the index at most this often. A round of 1,000 new
 * hosts records one host at a time: saving the whole index (11,000 objects, 600 KB) after each
 * took a core for 5 s at the demo's start. A crash before the save loses only the new objects'
 * first seconds: their slots are free again at the next start, and a slot's next owner reads
 * nothing older than the time it got it (`since`) nor anything left in its current buckets.
 */
export const INDEX_SAVE_MS = 2_000;

/** The bytes of history one object holds on disk, all tiers (the README quotes it). */
export const BYTES_PER_OBJECT = METRIC_TIERS.reduce(
  (sum, tier) => sum + tier.buckets * (4 * (1 + 2 * CHANNELS) + 4 / BLOCK_SLOTS),
  0,
);

const IndexEntry = z.object({
  slot: z
    .number()
    .int()
    .min(0)
    .max(MAX_OBJECTS - 1),
  kind: z.enum(['host', 'vm']),
  /** When the slot became this object's (ms): anything older in it belonged to another. */
  since: z.number(),
});
const IndexFile = z.object({ version: z.literal(1), objects: z.record(z.string(), IndexEntry) });
type IndexEntry = z.infer<typeof IndexEntry>;

/** One object's figures in one sample, in the order of metricsOf(kind); NaN where there is none. */
export interface ObjectValues {
  id: string;
  kind: MetricKind;
  values: ArrayLike<number>;
}

/**
 * History of every host and VM on disk, in fixed-size ring files (one per tier and block of 256
 * objects) under `dir`, with a small index (object → slot) rewritten only when an object is
 * added. Memory holds each file's current row and the index: it does not grow with the history.
 */
export class MetricsHistory {
  private readonly index = new Map<string, IndexEntry>();
  private readonly lastSeen = new Map<string, number>();
  private readonly free: number[] = [];
  private readonly files = new Map<string, RingFile>();
  private indexDirty = false;
  /** A slot changed owner: written before the round returns, as its old owner's entry is wrong. */
  private indexMustSave = false;
  private indexTimer: NodeJS.Timeout | undefined;
  private coarseFlushedAt = 0;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly log: (message: string, detail?: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    mkdirSync(dir, { recursive: true });
    this.loadIndex();
    const used = new Set([...this.index.values()].map((e) => e.slot));
    for (let slot = MAX_OBJECTS - 1; slot >= 0; slot--) if (!used.has(slot)) this.free.push(slot);
  }

  /** Fold one round of samples into every tier; the 10 s tier is written at once. */
  record(at: number, objects: readonly ObjectValues[]): void {
    for (const object of objects) {
      const slot = this.slotOf(object.id, object.kind, at);
      const block = Math.floor(slot / BLOCK_SLOTS);
      for (const tier of METRIC_TIERS) {
        this.file(tier, block).add(slot % BLOCK_SLOTS, Math.floor(at / tier.stepMs), object.values);
      }
    }
    const coarse = at - this.coarseFlushedAt >= COARSE_FLUSH_MS;
    if (coarse) this.coarseFlushedAt = at;
    for (const [key, file] of this.files) if (coarse || key.startsWith('10s-')) file.flush();
    if (this.indexMustSave) this.saveIndex();
    else if (this.indexDirty) this.saveIndexSoon();
  }

  /**
   * History made up of the past for objects that have none yet (the demo fleet, so its 24 h and
   * 30-day charts are alive on first open): every bucket each tier keeps before the current one,
   * one sample each, from `samplerFor(tier)` called in time order. Samples already kept are never
   * overwritten, and an object with history is left alone. Lets the event loop turn every few
   * milliseconds; a history closed meanwhile stops it. Resolves to the objects filled.
   */
  async fillPast(
    objects: readonly { id: string; kind: MetricKind }[],
    samplerFor: (tier: MetricTier) => (at: number) => readonly ObjectValues[],
  ): Promise<number> {
    const now = this.now();
    const fresh = new Set(objects.filter((o) => !this.index.has(o.id)).map((o) => o.id));
    if (fresh.size === 0) return 0;
    const oldest = Math.min(...METRIC_TIERS.map((t) => now - t.stepMs * (t.buckets - 1)));
    for (const object of objects) {
      if (!fresh.has(object.id)) continue;
      this.slotOf(object.id, object.kind, oldest);
      this.lastSeen.set(object.id, now);
    }
    if (this.indexDirty) this.saveIndex();
    let turnStart = performance.now();
    for (const tier of METRIC_TIERS) {
      const current = Math.floor(now / tier.stepMs);
      const sample = samplerFor(tier);
      for (let bucket = current - tier.buckets + 1; bucket < current; bucket++) {
        const samples = sample(bucket * tier.stepMs + tier.stepMs / 2);
        if (this.closed) return fresh.size; // its files are closed: opening them again would leak
        const byBlock = new Map<number, Map<number, ArrayLike<number>>>();
        for (const object of samples) {
          const slot = fresh.has(object.id) ? this.index.get(object.id)?.slot : undefined;
          if (slot === undefined) continue;
          const block = Math.floor(slot / BLOCK_SLOTS);
          const row = byBlock.get(block) ?? byBlock.set(block, new Map()).get(block);
          row?.set(slot % BLOCK_SLOTS, object.values);
        }
        for (const [block, row] of byBlock) this.file(tier, block).fillPast(bucket, row);
        if (performance.now() - turnStart > PAST_TURN_MS) {
          await new Promise(setImmediate);
          turnStart = performance.now();
        }
      }
    }
    return fresh.size;
  }

  /** One metric of one object over a range, from the tier that fits (or the one asked for). */
  series(request: MetricSeriesRequest): MetricSeries {
    const now = this.now();
    const tier =
      METRIC_TIERS.find((t) => t.name === request.tier) ?? tierFor(request.from, request.to, now);
    const entry = this.index.get(request.objectId);
    const empty = {
      objectId: request.objectId,
      metric: request.metric,
      tier: tier.name,
      stepMs: tier.stepMs,
      points: [],
    };
    if (entry === undefined) return empty;
    const channel = metricsOf(entry.kind).indexOf(request.metric);
    if (channel < 0) {
      throw new AppError(
        'invalid-request',
        `A ${entry.kind === 'vm' ? 'VM' : 'host'} has no ${request.metric} metric`,
      );
    }
    const last = Math.floor(Math.min(request.to, now) / tier.stepMs);
    const oldestKept = Math.floor(now / tier.stepMs) - tier.buckets + 1;
    const first = Math.max(
      Math.floor(request.from / tier.stepMs),
      oldestKept,
      last - MAX_SERIES_POINTS + 1,
    );
    if (first > last) return empty;
    const block = Math.floor(entry.slot / BLOCK_SLOTS);
    const file = this.file(tier, block);
    const { avg, max } = file.read(
      entry.slot % BLOCK_SLOTS,
      channel,
      first,
      last,
      Math.floor(entry.since / tier.stepMs),
    );
    const points = avg.map((a, i) => ({
      t: (first + i) * tier.stepMs,
      avg: a,
      max: max[i] ?? null,
    }));
    return { ...empty, points };
  }

  /** Objects with a slot (for the bench and tests). */
  get size(): number {
    return this.index.size;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.indexTimer);
    this.indexTimer = undefined;
    for (const file of this.files.values()) file.close();
    this.files.clear();
    if (this.indexDirty) this.saveIndex();
  }

  private slotOf(id: string, kind: MetricKind, at: number): number {
    this.lastSeen.set(id, at);
    const known = this.index.get(id);
    if (known !== undefined && known.kind === kind) return known.slot;
    if (known !== undefined) this.index.delete(id);
    const free = known === undefined ? this.free.pop() : undefined;
    const slot = known?.slot ?? free ?? this.evict();
    this.index.set(id, { slot, kind, since: at });
    this.indexDirty = true;
    for (const tier of METRIC_TIERS) {
      this.file(tier, Math.floor(slot / BLOCK_SLOTS)).clearSlot(slot % BLOCK_SLOTS);
    }
    // A free slot's owner can wait for the next save; a slot taken from another object (or kind)
    // cannot: after a crash, the index on disk would give the old owner the new one's figures.
    if (free === undefined) this.indexMustSave = true;
    return slot;
  }

  /** The slot of the object not seen for longest (never seen this run: the first found). */
  private evict(): number {
    let oldest: string | undefined;
    let oldestAt = Number.POSITIVE_INFINITY;
    for (const id of this.index.keys()) {
      const seen = this.lastSeen.get(id) ?? Number.NEGATIVE_INFINITY;
      if (seen < oldestAt) [oldest, oldestAt] = [id, seen];
    }
    const entry = oldest === undefined ? undefined : this.index.get(oldest);
    if (oldest === undefined || entry === undefined)
      throw new AppError('internal', 'no metrics slot to reuse');
    this.index.delete(oldest);
    this.lastSeen.delete(oldest);
    return entry.slot;
  }

  private file(tier: MetricTier, block: number): RingFile {
    const key = `${tier.name}-${block}`;
    let file = this.files.get(key);
    if (file === undefined) {
      file = new RingFile(
        join(this.dir, `${key}.ring`),
        { stepMs: tier.stepMs, buckets: tier.buckets, slots: BLOCK_SLOTS, channels: CHANNELS },
        (why) => this.log(why),
      );
      file.resume(Math.floor(this.now() / tier.stepMs));
      this.files.set(key, file);
    }
    return file;
  }

  private get indexPath(): string {
    return join(this.dir, 'index.json');
  }

  private loadIndex(): void {
    let text: string;
    try {
      text = readFileSync(this.indexPath, 'utf8');
    } catch {
      return; // no history yet
    }
    const parsed = IndexFile.safeParse(safeJson(text));
    if (!parsed.success) {
      this.log(
        'The metrics history index is not readable: history starts again',
        z.prettifyError(parsed.error),
      );
      return;
    }
    const slots = new Set<number>();
    for (const [id, entry] of Object.entries(parsed.data.objects)) {
      if (slots.has(entry.slot)) continue; // two objects on one slot: the first keeps it
      slots.add(entry.slot);
      this.index.set(id, entry);
    }
  }

  private saveIndexSoon(): void {
    if (this.indexTimer !== undefined) return;
    this.indexTimer = setTimeout(() => {
      this.indexTimer = undefined;
      if (!this.closed && this.indexDirty) this.saveIndex();
    }, INDEX_SAVE_MS);
    this.indexTimer.unref();
  }

  /** Written aside and renamed over: a crash leaves the old index or the new, never half. */
  private saveIndex(): void {
    const objects = Object.fromEntries(this.index);
    const temp = `${this.indexPath}.tmp`;
    writeFileSync(temp, JSON.stringify({ version: 1, objects }));
    renameSync(temp, this.indexPath);
    this.indexDirty = false;
    this.indexMustSave = false;
    clearTimeout(this.indexTimer);
    this.indexTimer = undefined;
  }
}

/** The figures in the history's channel order, NaN where absent. */
export function channelValues(kind: MetricKind, usage: HostUsage | VmUsage): number[] {
  const figures = usage as Record<string, number | string | undefined>;
  return metricsOf(kind).map((metric) => {
    const value = figures[metric];
    return typeof value === 'number' ? value : Number.NaN;
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
