/**
 * Where a table's slow scroll frames go, frame by frame: `tsx bench/table-scroll-trace.ts [OLD_RENDERER_DIR]`.
 * Over the 1,000-host demo, for the host and the VM table, with the pointer over the rows (the
 * mouse wheel: Chromium's own scroll gesture at that point, as an admin scrolls) and away from
 * them (`scrollTop` from script, the pointer never in the page), it records a DevTools trace and
 * splits each frame (between two animation-frame callbacks) into the renderer main thread's
 * parts: script, style, layout, hit test, paint and the rest. Prints the frame interval p50/p99 and
 * the parts of the slowest frames. Given OLD_RENDERER_DIR (an older out/renderer), each case runs
 * for both builds, alternating, in the same run. Env: TRACE_TABLES=host (or vm) for one table,
 * TRACE_OUT=/tmp/x to keep each trace's events as JSON, TRACE_INVALIDATIONS=1 to record why style
 * and layout were invalidated (slower).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import playwrightConfig from '../playwright.config';
import { startWebShell } from '../e2e/fixtures/web-shell';
import { openBuild } from './window-ab';
import type { TraceEvent } from './trace-event';

const CHROMIUM_FLAGS = playwrightConfig.use?.launchOptions?.args ?? [];
const log = (line: string): void => console.log(`table-scroll: ${line}`);
const FRAMES = 180;
const STEP_PX = 150;

/** The part of a frame each main-thread event is counted under (the innermost known one wins). */
const PARTS: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  'V8.Execute': 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  UpdateLayoutTree: 'style',
  RecalcStyles: 'style',
  Layout: 'layout',
  HitTest: 'hit test',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  'LocalFrameView::RunPaintLifecyclePhase': 'paint',
  Commit: 'commit',
  ScrollLayer: 'scroll',
};

async function trace(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
        'v8.execute',
        ...(process.env.TRACE_INVALIDATIONS
          ? ['disabled-by-default-devtools.timeline.invalidationTracking']
          : []),
      ],
    },
  });
  await during();
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  return events;
}

/** Records FRAMES frame marks in the page while `scroll` runs; resolves once they are in. */
function markFrames(page: Page): Promise<void> {
  return page.evaluate(async (frames) => {
    for (let i = 0; i < frames; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      performance.mark(`scroll-frame-${i}`);
    }
  }, FRAMES);
}

type Pointer = 'rows' | 'away';

async function scrollCase(page: Page, table: 'host' | 'vm', pointer: Pointer) {
  await page.click(`[data-testid="view-${table}-table"]`);
  await page.waitForSelector(`[data-testid="${table}-row"]`);
  await page.locator('main').evaluate((m) => (m.scrollTop = 0));
  const box = await page.locator('main').boundingBox();
  if (!box) throw new Error('no main area');
  // Away: the pointer outside the page's scroller, where the click above left it on the top bar.
  const at = { x: box.x + 300, y: box.y + box.height / 2 };
  if (pointer === 'rows') await page.mouse.move(at.x, at.y);
  else await page.mouse.move(box.x + 300, 5);
  await page.waitForTimeout(1_500);
  const cdp = await page.context().newCDPSession(page);
  const events = await trace(cdp, async () => {
    const marks = markFrames(page);
    if (pointer === 'rows') {
      // The wheel at the pointer, one notch of STEP_PX a frame (60 Hz), as long as the marks run.
      void cdp
        .send('Input.synthesizeScrollGesture', {
          x: Math.round(at.x),
          y: Math.round(at.y),
          yDistance: -STEP_PX * FRAMES * 2,
          speed: STEP_PX * 60,
          gestureSourceType: 'mouse',
          preventFling: true,
        })
        .catch(() => undefined);
      await marks;
    } else {
      await page.evaluate(async (frames) => {
        const main = document.querySelector('main')!;
        for (let i = 0; i < frames; i++) {
          main.scrollTop += 150;
          await new Promise((r) => requestAnimationFrame(r));
        }
      }, FRAMES);
      await marks;
    }
  });
  await cdp.detach();
  if (process.env.TRACE_OUT) {
    writeFileSync(`${process.env.TRACE_OUT}-${table}-${pointer}.json`, JSON.stringify(events));
  }
  const scrolled = await page.locator('main').evaluate((m) => m.scrollTop);
  await page.locator('main').evaluate((m) => (m.scrollTop = 0));
  return { ...frameParts(events), scrolled };
}

/** Splits the main thread's events into frames (between the page's marks) and parts. */
function frameParts(events: TraceEvent[]) {
  const marks = events
    .filter(
      (e) =>
        e.name.startsWith('scroll-frame-') &&
        (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b'),
    )
    .sort((a, b) => a.ts - b.ts);
  const first = marks[0];
  if (!first) throw new Error('no frame marks in the trace');
  const main = { pid: first.pid, tid: first.tid };
  const slices = events.filter(
    (e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined,
  );
  const frames: { interval: number; parts: Record<string, number> }[] = [];
  for (let i = 1; i < marks.length; i++) {
    const from = marks[i - 1]!.ts;
    const to = marks[i]!.ts;
    const parts: Record<string, number> = {};
    // Each event's self time (less its children) goes to the part of the nearest event, itself
    // or an ancestor, of a known part; a task's time outside every known part is "other".
    const inside = slices
      .filter((e) => e.ts >= from && e.ts < to)
      .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const stack: { end: number; part: string | undefined }[] = [];
    let open: { e: TraceEvent; part: string; children: number }[] = [];
    const close = (until: number) => {
      while (open.length && open[open.length - 1]!.e.ts + open[open.length - 1]!.e.dur! <= until) {
        const done = open.pop()!;
        const self = done.e.dur! / 1000 - done.children;
        parts[done.part] = (parts[done.part] ?? 0) + self;
        const parent = open[open.length - 1];
        if (parent) parent.children += done.e.dur! / 1000;
      }
    };
    for (const e of inside) {
      close(e.ts);
      while (stack.length && stack[stack.length - 1]!.end <= e.ts) stack.pop();
      const inherited = [...stack].reverse().find((s) => s.part !== undefined)?.part;
      const part = PARTS[e.name] ?? inherited ?? 'other';
      if (stack.length === 0) parts.busy = (parts.busy ?? 0) + e.dur! / 1000;
      stack.push({ end: e.ts + e.dur!, part: PARTS[e.name] ?? inherited });
      open.push({ e, part, children: 0 });
    }
    close(Number.POSITIVE_INFINITY);
    open = [];
    frames.push({ interval: (to - from) / 1000, parts });
  }
  const sorted = [...frames].sort((a, b) => a.interval - b.interval);
  const pct = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!.interval;
  const sum = (pick: (f: (typeof frames)[number]) => number) =>
    frames.reduce((s, f) => s + pick(f), 0);
  const allParts = [...new Set(frames.flatMap((f) => Object.keys(f.parts)))].sort();
  const mean = Object.fromEntries(
    allParts.map((p) => [p, sum((f) => f.parts[p] ?? 0) / frames.length]),
  );
  const slowest = [...frames].sort((a, b) => b.interval - a.interval).slice(0, 3);
  return {
    frames: frames.length,
    p50: pct(0.5),
    p90: pct(0.9),
    p99: pct(0.99),
    max: pct(1),
    mean,
    slowest,
  };
}

const fmt = (parts: Record<string, number>) =>
  Object.entries(parts)
    .filter(([, ms]) => ms >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([p, ms]) => `${p} ${ms.toFixed(1)}`)
    .join(', ');

export async function run(oldDir: string | undefined, rounds: number): Promise<void> {
  if (oldDir !== undefined && !existsSync(join(oldDir, 'assets'))) {
    throw new Error(`${oldDir} holds no build (no assets/)`);
  }
  const shell = await startWebShell({ demo: true, demoSize: '1000x10' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
  const builds = oldDir === undefined ? (['this'] as const) : (['old', 'this'] as const);
  const results = new Map<string, ReturnType<typeof frameParts>[]>();
  const loads: number[] = [];
  try {
    await new Promise((done) => setTimeout(done, 15_000));
    for (let round = 0; round < rounds; round++) {
      for (const build of builds) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        try {
          await openBuild(page, shell.url, build === 'old' ? oldDir : undefined);
          for (const table of (process.env.TRACE_TABLES ?? 'host,vm').split(',') as (
            'host' | 'vm'
          )[]) {
            for (const pointer of ['rows', 'away'] as const) {
              const r = await scrollCase(page, table, pointer);
              const key = `${build} build, ${table} table, pointer ${pointer === 'rows' ? 'over the rows (wheel)' : 'away (scrollTop)'}`;
              results.set(key, [...(results.get(key) ?? []), r]);
              loads.push(loadavg()[0] ?? 0);
              log(
                `round ${round + 1} ${key}: ${r.frames} frames, scrolled ${r.scrolled} px, interval p50 ${r.p50.toFixed(1)} p90 ${r.p90.toFixed(1)} ` +
                  `p99 ${r.p99.toFixed(1)} max ${r.max.toFixed(1)} ms; mean a frame: ${fmt(r.mean)}; slowest: ` +
                  r.slowest.map((f) => `${f.interval.toFixed(1)} ms [${fmt(f.parts)}]`).join(' '),
              );
            }
          }
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
    await shell.stop();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  log(
    `1,000 hosts / 10,000 VMs, 1440×900, ${STEP_PX} px a frame, ${rounds} rounds, load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; medians (each round):`,
  );
  for (const [key, runs] of results) {
    const m = (pick: (r: (typeof runs)[number]) => number) =>
      `${median(runs.map(pick)).toFixed(1)} (${runs.map((r) => pick(r).toFixed(1)).join('/')})`;
    log(
      `${key}: p50 ${m((r) => r.p50)}, p99 ${m((r) => r.p99)}, max ${m((r) => r.max)} ms; main thread busy ${m((r) => r.mean.busy ?? 0)} ms a frame`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, rounds] = process.argv.slice(2);
  await run(dir === undefined || dir === '-' ? undefined : resolve(dir), Number(rounds ?? 1));
}
