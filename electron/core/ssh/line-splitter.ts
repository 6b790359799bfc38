/** The longest line a stream keeps by default: an event line of `virsh event` is under 1 KiB. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

/**
 * Cuts a byte stream into lines, in time linear in the bytes received: each chunk is scanned once
 * and a partial line waits as a list of chunks, decoded only when its newline comes (so a UTF-8
 * character split across two packets is whole by then). A line longer than `maxLineBytes` is
 * dropped as soon as it passes the limit: `onOverlong` hears of it once, its bytes are skipped
 * up to its newline, and the next line is read as usual.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private dropping = false;

  constructor(
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
    private readonly onOverlong: (maxLineBytes: number) => void = () => undefined,
  ) {}

  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(10); newline >= 0; newline = chunk.indexOf(10, start)) {
      const line = this.take(chunk.subarray(start, newline));
      if (line !== undefined) lines.push(line.endsWith('\r') ? line.slice(0, -1) : line);
      start = newline + 1;
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
    return lines;
  }

  /** What is left after the last newline, if anything (nothing if it was too long). */
  flush(): string | undefined {
    const rest = this.take(Buffer.alloc(0));
    return rest === '' ? undefined : rest;
  }

  /** The line that ends with `last`, or undefined if it was dropped; the splitter starts afresh. */
  private take(last: Buffer): string | undefined {
    const dropped = this.dropping || this.pendingBytes + last.length > this.maxLineBytes;
    if (dropped && !this.dropping) this.onOverlong(this.maxLineBytes);
    const line = dropped
      ? undefined
      : Buffer.concat([...this.pending, last], this.pendingBytes + last.length).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    this.dropping = false;
    return line;
  }

  private keep(part: Buffer): void {
    if (this.dropping) return;
    if (this.pendingBytes + part.length > this.maxLineBytes) {
      this.onOverlong(this.maxLineBytes);
      this.dropping = true;
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    // A copy: the chunk's memory may be a pooled buffer that its stream reuses.
    this.pending.push(Buffer.from(part));
    this.pendingBytes += part.length;
  }
}
