/**
 * Axis ticks and the legend's time, in the console's words: 24-hour clock times (as formatClock),
 * a day and month once ticks are a day apart; binary steps for bytes so that ticks land on
 * 1 GiB, 2 GiB, 4 GiB rather than on 2.0, 3.9, 5.9 GiB.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 86_400_000;
const two = (n: number) => String(n).padStart(2, '0');

/** "14:30" under a time axis whose ticks are under a day apart, "5 Dec" from a day. */
export function timeTick(epochMs: number, incrMs: number): string {
  const d = new Date(epochMs);
  return incrMs >= DAY
    ? `${d.getDate()} ${MONTHS[d.getMonth()]}`
    : `${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The legend's time: "14:30:10" within a day's range, "5 Dec 14:30" beyond. */
export function legendTime(epochMs: number, spanMs: number): string {
  const d = new Date(epochMs);
  const clock = `${two(d.getHours())}:${two(d.getMinutes())}`;
  return spanMs > DAY
    ? `${d.getDate()} ${MONTHS[d.getMonth()]} ${clock}`
    : `${clock}:${two(d.getSeconds())}`;
}

/** Tick steps for a byte-based axis (MiB or bytes/s): 1, 2, 4 … 512 times each power of 1024. */
export function binaryIncrs(): number[] {
  const steps: number[] = [];
  for (let power = 0; power <= 4; power++) {
    for (let k = 1; k <= 512; k *= 2) steps.push(k * 1024 ** power);
  }
  return steps;
}

/** Tick steps for vCPUs and percentages: whole and half units upwards, tenths below one. */
export function decimalIncrs(): number[] {
  return [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000];
}

/** The top of a y axis with no fixed maximum: a little above the highest figure, never 0. */
export function softMax(dataMax: number | null | undefined): number {
  return dataMax !== null && dataMax !== undefined && dataMax > 0 ? dataMax * 1.1 : 1;
}
