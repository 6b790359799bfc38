import {
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';

const MAGIC = 'FEDRING1';
const HEADER_BYTES = 64;

/** The shape of one ring file; a file on disk with another shape is started afresh. */
export interface RingShape {
  stepMs: number;
  buckets: number;
  slots: number;
  channels: number;
}

/**
 * One tier of history for one block of objects, in a file of fixed size (made sparse: rows never
 * written take no disk). Row-major: one row per bucket holding every slot, so a sample round
 * writes one contiguous range per file instead of one write per object.
 *
 * Layout: a 64-byte header; `buckets` u32 stamps (the bucket number each row holds, 0 = none);
 * then the rows. A slot in a row is f32 [count, avg₀, max₀, avg₁, max₁ …]: count 0 means no
 * sample. A row is trusted only when its stamp is the bucket asked for, so a ring that wrapped,
 * or a console that was off for a week, never shows old numbers as new.
 */
export class RingFile {
  readonly slotFloats: number;
  private readonly rowBytes: number;
  private readonly fd: number;
  private readonly stamps: Uint32Array;
  /** The row of the bucket samples go into now, kept in memory and written as it changes. */
  private bucket = -1;
  private row: Float32Array;
  private dirtyFrom = Number.POSITIVE_INFINITY;
  private dirtyTo = -1;
  private readonly one: Float32Array;
  /** A past row being filled (fillPast), made on first use. */
  private past: Float32Array | undefined;

  constructor(
    readonly path: string,
    readonly shape: RingShape,
    /** Called when an existing file had another shape and was started afresh. */
    onReset?: (why: string) => void,
  ) {
    this.slotFloats = 1 + 2 * shape.channels;
    this.rowBytes = shape.slots * this.slotFloats * 4;
    this.row = new Float32Array(shape.slots * this.slotFloats);
    this.one = new Float32Array(this.slotFloats);
    this.stamps = new Uint32Array(shape.buckets);
    this.fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
    const size = HEADER_BYTES + shape.buckets * 4 + shape.buckets * this.rowBytes;
    const header = Buffer.alloc(HEADER_BYTES);
    readSync(this.fd, header, 0, HEADER_BYTES, 0);
    const same =
      header.toString('latin1', 0, 8) === MAGIC &&
      header.readUInt32LE(8) === shape.stepMs / 1000 &&
      header.readUInt32LE(12) === shape.buckets &&
      header.readUInt32LE(16) === shape.slots &&
      header.readUInt32LE(20) === shape.channels &&
      fstatSync(this.fd).size === size;
    if (same) {
      readSync(this.fd, new Uint8Array(this.stamps.buffer), 0, shape.buckets * 4, HEADER_BYTES);
      return;
    }
    if (fstatSync(this.fd).size > 0)
      onReset?.(`${path} has another layout; its history starts again`);
    ftruncateSync(this.fd, 0);
    ftruncateSync(this.fd, size);
    header.fill(0);
    header.write(MAGIC, 0, 'latin1');
    header.writeUInt32LE(shape.stepMs / 1000, 8);
    header.writeUInt32LE(shape.buckets, 12);
    header.writeUInt32LE(shape.slots, 16);
    header.writeUInt32LE(shape.channels, 20);
    writeSync(this.fd, header, 0, HEADER_BYTES, 0);
  }

  /** Fold one sample of `slot` into bucket `bucket` (average and max per channel; NaN = none). */
  add(slot: number, bucket: number, values: ArrayLike<number>): void {
    if (bucket < this.bucket) return; // the clock went back: never rewrite a closed bucket
    if (bucket !== this.bucket) this.moveTo(bucket);
    const base = slot * this.slotFloats;
    const row = this.row;
    const count = (row[base] ?? 0) + 1;
    row[base] = count;
    for (let c = 0; c < this.shape.channels; c++) {
      const v = values[c] ?? Number.NaN;
      const at = base + 1 + 2 * c;
      const avg = row[at] ?? Number.NaN;
      if (count === 1 || Number.isNaN(avg)) {
        row[at] = v;
        row[at + 1] = v;
      } else if (!Number.isNaN(v)) {
        row[at] = avg + (v - avg) / count;
        if (v > (row[at + 1] ?? v)) row[at + 1] = v;
      }
    }
    if (slot < this.dirtyFrom) this.dirtyFrom = slot;
    if (slot > this.dirtyTo) this.dirtyTo = slot;
  }

  /**
   * Forget what `slot` holds in the current row: the slot has a new owner, whose figures start
   * now, and must not be averaged with what an earlier owner left in the same bucket (a slot given
   * up, or one whose owner a crash kept out of the index).
   */
  clearSlot(slot: number): void {
    if (this.bucket < 0) return;
    const base = slot * this.slotFloats;
    this.row.fill(0, base, base + this.slotFloats);
    if (slot < this.dirtyFrom) this.dirtyFrom = slot;
    if (slot > this.dirtyTo) this.dirtyTo = slot;
  }

  /** Write what changed in the current row, then its stamp (the row first: a torn write shows old). */
  flush(): void {
    if (this.dirtyTo < 0) return;
    const index = this.bucket % this.shape.buckets;
    const stride = this.slotFloats * 4;
    const from = this.dirtyFrom * stride;
    const bytes = new Uint8Array(this.row.buffer, from, (this.dirtyTo + 1) * stride - from);
    writeSync(this.fd, bytes, 0, bytes.length, this.rowOffset(index) + from);
    if (this.stamps[index] !== this.bucket) {
      this.stamps[index] = this.bucket;
      writeSync(
        this.fd,
        new Uint8Array(this.stamps.buffer, index * 4, 4),
        0,
        4,
        HEADER_BYTES + index * 4,
      );
    }
    this.dirtyFrom = Number.POSITIVE_INFINITY;
    this.dirtyTo = -1;
  }

  /**
   * Channel `channel` of `slot` for buckets `from`..`to` (inclusive), skipping buckets before
   * `sinceBucket` (the slot belonged to another object then). Nulls where there is no sample.
   */
  read(
    slot: number,
    channel: number,
    from: number,
    to: number,
    sinceBucket: number,
  ): { avg: (number | null)[]; max: (number | null)[] } {
    const avg: (number | null)[] = [];
    const max: (number | null)[] = [];
    const one = this.one;
    const oneBytes = new Uint8Array(one.buffer);
    const stride = this.slotFloats * 4;
    const oldest = this.bucket - this.shape.buckets + 1;
    for (let b = from; b <= to; b++) {
      let source: Float32Array | undefined;
      let base = 0;
      if (b < sinceBucket || b < oldest || b > this.bucket) source = undefined;
      else if (b === this.bucket) {
        source = this.row;
        base = slot * this.slotFloats;
      } else {
        const index = b % this.shape.buckets;
        if (this.stamps[index] === b) {
          readSync(this.fd, oneBytes, 0, stride, this.rowOffset(index) + slot * stride);
          source = one;
        }
      }
      const count = source?.[base] ?? 0;
      const a = source?.[base + 1 + 2 * channel];
      const m = source?.[base + 2 + 2 * channel];
      const ok = count > 0 && a !== undefined && !Number.isNaN(a);
      avg.push(ok ? a : null);
      max.push(ok && m !== undefined && !Number.isNaN(m) ? m : null);
    }
    return { avg, max };
  }

  /**
   * One sample per slot for a bucket before the current one, written straight to its row: history
   * made up of the past (the demo fleet's). A slot that already holds a sample in that bucket keeps
   * it; a bucket that is not before the current one, or has left the ring, is left alone.
   */
  fillPast(bucket: number, samples: ReadonlyMap<number, ArrayLike<number>>): void {
    if (this.bucket < 0 || bucket >= this.bucket || bucket <= this.bucket - this.shape.buckets)
      return;
    const index = bucket % this.shape.buckets;
    const row = (this.past ??= new Float32Array(this.row.length));
    if (this.stamps[index] === bucket) {
      readSync(this.fd, new Uint8Array(row.buffer), 0, this.rowBytes, this.rowOffset(index));
    } else {
      row.fill(0);
    }
    for (const [slot, values] of samples) {
      const base = slot * this.slotFloats;
      if ((row[base] ?? 0) > 0) continue;
      row[base] = 1;
      for (let c = 0; c < this.shape.channels; c++) {
        const v = values[c] ?? Number.NaN;
        row[base + 1 + 2 * c] = v;
        row[base + 2 + 2 * c] = v;
      }
    }
    writeSync(this.fd, new Uint8Array(row.buffer), 0, this.rowBytes, this.rowOffset(index));
    if (this.stamps[index] !== bucket) {
      this.stamps[index] = bucket;
      writeSync(
        this.fd,
        new Uint8Array(this.stamps.buffer, index * 4, 4),
        0,
        4,
        HEADER_BYTES + index * 4,
      );
    }
  }

  /** The newest bucket this file has seen (its current row), or -1. */
  get currentBucket(): number {
    return this.bucket;
  }

  /**
   * Start at `now`'s bucket after a restart: a row already stamped with it is read back, so a
   * console restarted within a bucket goes on averaging into it.
   */
  resume(bucket: number): void {
    if (this.bucket < 0) this.moveTo(bucket);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private moveTo(bucket: number): void {
    this.flush();
    this.bucket = bucket;
    const index = bucket % this.shape.buckets;
    if (this.stamps[index] === bucket) {
      readSync(this.fd, new Uint8Array(this.row.buffer), 0, this.rowBytes, this.rowOffset(index));
    } else {
      this.row.fill(0);
    }
  }

  private rowOffset(index: number): number {
    return HEADER_BYTES + this.shape.buckets * 4 + index * this.rowBytes;
  }
}
