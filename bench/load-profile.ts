/**
 * What the window's load at 1,000 hosts / 10,000 VMs is made of: `tsx bench/load-profile.ts [rounds]`
 * (after `npx electron-vite build`; an unminified build names the functions). One web shell over
 * `--demo-size 1000x10`, the page loaded in Chromium with the V8 sampling profiler on (DevTools
 * protocol, 100 µs) from before the navigation until 4 s after the first host card. For each long
 * task the page saw (long-task observer; a marker function lines the profile up with the page's
 * clock) it prints its length and the functions that took it (inclusive and self ms; '(program)'
 * is the renderer's own work: layout, style, parsing), and the socket's messages at load with
 * their sizes. The profiler slows the page: read the parts' shares, not their absolute ms.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { openBigDemo } from './big-demo';

const log = (line: string): void => console.log(`load-profile: ${line}`);

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function analyse(
  profile: Profile,
  top: number,
  marks: { at: number; longTasks: [number, number][] },
): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: Node) => {
    const file = n.callFrame.url.split('/').pop() ?? '';
    return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
  };
  let t = profile.startTime;
  const times: number[] = [];
  for (const d of profile.timeDeltas) times.push((t += d));
  // The marker: the first sample inside the function the page ran at `marks.at`.
  const markIndex = profile.samples.findIndex((id) => {
    const n = byId.get(id);
    return n?.callFrame.functionName === 'loadProfileMarker';
  });
  if (markIndex < 0) return ['no marker in the profile'];
  const offset = (times[markIndex] ?? 0) / 1000 - marks.at; // profile ms − page ms
  const sampleAt = (ms: number) => {
    const us = (ms + offset) * 1000;
    const i = times.findIndex((t) => t >= us);
    return i < 0 ? times.length : i;
  };
  /**
   * Each sample to a part: the nearest React component above it (a capitalised function of the
   * window's bundles), else the snapshot's parse (under the socket's message), the grid's
   * measuring (forced layout), the garbage collector, the renderer's own work, or React itself.
   */
  const partOf = (leafId: number): string => {
    let id: number | undefined = leafId;
    let inMeasure = false;
    while (id !== undefined) {
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === 'measureElement') inMeasure = true;
      if (/^[A-Z][A-Za-z]+$/.test(frame.functionName) && frame.url.includes('/assets/')) {
        return inMeasure ? `${frame.functionName}:measureElement` : frame.functionName;
      }
      if (frame.functionName === 'receive') return 'socket message (parse, cache)';
      id = parent.get(id);
    }
    if (inMeasure) return 'measureElement';
    const leaf = byId.get(leafId)!.callFrame.functionName;
    return leaf.startsWith('(') ? leaf : 'React and libraries';
  };
  const parts = (from: number, to: number): string => {
    const sums = new Map<string, number>();
    for (let i = from; i < to; i++) {
      const dt = ((times[i + 1] ?? times[i]!) - times[i]!) / 1000;
      const part = partOf(profile.samples[i]!);
      sums.set(part, (sums.get(part) ?? 0) + dt);
    }
    return [...sums]
      .sort((a, b) => b[1] - a[1])
      .filter(([, ms]) => ms >= 1)
      .map(([part, ms]) => `${part} ${ms.toFixed(0)}`)
      .join(', ');
  };
  const out: string[] = [];
  const long = marks.longTasks.map(([start, duration]) => ({
    from: sampleAt(start),
    to: sampleAt(start + duration),
    ms: duration,
    start,
  }));
  for (const task of long) {
    const inclusive = new Map<string, number>();
    const self = new Map<string, number>();
    for (let i = task.from; i < task.to; i++) {
      const dt = ((times[i + 1] ?? times[i]!) - times[i]!) / 1000;
      const seen = new Set<string>();
      const sample = profile.samples[i] ?? -1;
      let id: number | undefined = sample;
      const leaf = label(byId.get(sample)!);
      self.set(leaf, (self.get(leaf) ?? 0) + dt);
      while (id !== undefined) {
        const l = label(byId.get(id)!);
        if (!seen.has(l)) inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
        seen.add(l);
        id = parent.get(id);
      }
    }
    out.push(`task of ${task.ms.toFixed(0)} ms at ${task.start.toFixed(0)} ms after navigation`);
    const sorted = (m: Map<string, number>) =>
      [...m].sort((a, b) => b[1] - a[1]).filter(([k]) => !k.startsWith('(root)'));
    out.push(`  parts: ${parts(task.from, task.to)}`);
    out.push(
      '  inclusive: ' +
        sorted(inclusive)
          .slice(0, top)
          .map(([k, v]) => `${v.toFixed(1)} ${k}`)
          .join('\n             '),
    );
    out.push(
      '  self: ' +
        sorted(self)
          .slice(0, 25)
          .map(([k, v]) => `${v.toFixed(1)} ${k}`)
          .join('\n        '),
    );
  }
  out.push(`long tasks: ${long.map((k) => k.ms.toFixed(0)).join(', ') || 'none'}`);
  return out;
}

/**
 * The largest message (the fleet snapshot): its parts' sizes, and JSON.parse of it in the page
 * (median of 5, without the profiler's cost: it is stopped by then).
 */
async function weigh(page: Page, text: string): Promise<string> {
  const parseMs = await page.evaluate((t) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      JSON.parse(t);
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[2] ?? NaN;
  }, text);
  const kib = (x: unknown) => `${(Buffer.byteLength(JSON.stringify(x)) / 1024).toFixed(0)} KiB`;
  const value = (JSON.parse(text) as { envelope?: { value?: unknown } }).envelope?.value;
  const fields = (items: unknown) => {
    if (!Array.isArray(items)) return '';
    const sums = new Map<string, number>();
    for (const item of items as Record<string, unknown>[]) {
      for (const [k, v] of Object.entries(item)) {
        sums.set(k, (sums.get(k) ?? 0) + Buffer.byteLength(JSON.stringify(v)) + k.length + 4);
      }
    }
    return [...sums]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${(n / 1024).toFixed(0)}`)
      .join(', ');
  };
  const parts =
    value !== null && typeof value === 'object'
      ? Object.entries(value as Record<string, unknown>)
          .map(
            ([k, v]) => `${k} ${kib(v)}${Array.isArray(v) ? ` (${v.length}: ${fields(v)})` : ''}`,
          )
          .join('; ')
      : '';
  return `${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB, JSON.parse in the page ${parseMs.toFixed(1)} ms; ${parts}`;
}

export async function run(rounds: number, top: number): Promise<void> {
  const { shell, browser, close } = await openBigDemo();
  try {
    for (let round = 0; round < rounds; round++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(shell.url, { timeout: 120_000 });
      await page.waitForSelector('[data-testid="host-card"]', { timeout: 120_000 });
      const frames: { dir: string; bytes: number; head: string }[] = [];
      let snapshot: string | undefined;
      page.on('websocket', (ws) => {
        ws.on('framereceived', (f) => {
          const s = typeof f.payload === 'string' ? f.payload : f.payload.toString();
          frames.push({ dir: 'in', bytes: Buffer.byteLength(s), head: s.slice(0, 90) });
          if (s.length > (snapshot?.length ?? 100_000)) snapshot = s;
        });
        ws.on('framesent', (f) => {
          const s = typeof f.payload === 'string' ? f.payload : f.payload.toString();
          frames.push({ dir: 'out', bytes: Buffer.byteLength(s), head: s.slice(0, 90) });
        });
      });
      // tsx names the functions it compiles with a helper the page does not have: a no-op there.
      await page.addInitScript('globalThis.__name = (f) => f;');
      await page.addInitScript(() => {
        const w = window as unknown as { longTasks: [number, number][] };
        w.longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.longTasks.push([e.startTime, e.duration]);
        }).observe({ type: 'longtask', buffered: true });
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await page.reload({ timeout: 120_000 });
      await page.waitForSelector('[data-testid="host-card"]', { timeout: 120_000 });
      await page.waitForTimeout(4_000);
      // A function of a known name at a known performance.now(): lines the profile up with the page.
      const marks = await page.evaluate(() => {
        const w = window as unknown as { longTasks: [number, number][] };
        const at = performance.now();
        function loadProfileMarker() {
          const until = performance.now() + 20;
          while (performance.now() < until);
        }
        loadProfileMarker();
        return { at, longTasks: w.longTasks };
      });
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      writeFileSync(`/tmp/load-profile-${round}.cpuprofile`, JSON.stringify(profile));
      log(`round ${round + 1}, load ${loadavg()[0]?.toFixed(1)}`);
      for (const line of analyse(profile, top, marks)) log(line);
      const big = frames.filter((f) => f.bytes > 10_000);
      const total = frames.filter((f) => f.dir === 'in').reduce((s, f) => s + f.bytes, 0);
      log(
        `socket: ${frames.length} frames, ${(total / 1024).toFixed(0)} KiB in; over 10 KB: ` +
          big.map((f) => `${f.dir} ${(f.bytes / 1024).toFixed(0)} KiB ${f.head}`).join('\n   '),
      );
      if (snapshot !== undefined) log(`largest message: ${await weigh(page, snapshot)}`);
      await page.close();
    }
  } finally {
    await close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await run(Number(process.argv[2] ?? 1), Number(process.argv[3] ?? 60));
}
