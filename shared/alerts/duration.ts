/**
 * Rule durations as people write them: `90s`, `5m`, `2 min`, `1h30m`, or a number of seconds.
 * Undefined for anything else (the caller names the field).
 */
export function durationSeconds(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const text = value.trim().toLowerCase();
  if (/^\d+$/.test(text)) return Number(text);
  const part = /(\d+)\s*(hours?|h|minutes?|mins?|m|seconds?|secs?|s)\s*/gy;
  let total = 0;
  let matched = 0;
  for (let m = part.exec(text); m !== null; m = part.exec(text)) {
    const n = Number(m[1]);
    const unit = m[2] ?? 's';
    total += unit.startsWith('h') ? n * 3600 : unit.startsWith('m') ? n * 60 : n;
    matched = part.lastIndex;
  }
  return matched === text.length && text.length > 0 ? total : undefined;
}

/** The shortest text `durationSeconds` reads back: `5m`, `90s` → `1m30s`, `1h30m`. */
export function durationText(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const text = `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}`;
  return text === '' ? '0s' : text;
}
