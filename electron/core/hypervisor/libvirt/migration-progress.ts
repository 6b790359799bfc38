/**
 * `virsh migrate --verbose` writes its progress to stderr as "\rMigration: [ 12 %]", each
 * overwriting the last (no newline), every half second or so while the job moves data; a small
 * guest may show only "[100 %]". Chunks can split a report anywhere, so the unread tail is kept.
 */
export class MigrationProgress {
  private tail = '';
  private last: number | undefined;

  constructor(private readonly onPercent: (percent: number) => void) {}

  push(chunk: string): void {
    const text = this.tail + chunk;
    const pattern = /Migration: \[\s*(\d{1,3})\s*%\]/g;
    let end = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      end = pattern.lastIndex;
      const percent = Math.min(100, Number(match[1]));
      if (percent !== this.last) {
        this.last = percent;
        this.onPercent(percent);
      }
    }
    // Keep what may be the start of a report cut by the chunk boundary (a report is ~20 chars).
    this.tail = text.slice(end).slice(-64);
  }

  /** The last percentage reported, if any. */
  get percent(): number | undefined {
    return this.last;
  }
}

/** stderr without the progress reports: what is left is libvirt's own words. */
export function withoutProgress(stderr: string): string {
  return stderr.replace(/\r?Migration: \[\s*\d{1,3}\s*%\]/g, '').trim();
}
