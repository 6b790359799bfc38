/**
 * Two builds of the window, A/B in one run against one web shell over the 1,000-host demo:
 * `tsx bench/window-ab.ts OLD_RENDERER_DIR [rounds] [grid]` (OLD_RENDERER_DIR: another build's
 * out/renderer, e.g. copied before a change). The page served is this checkout's; for the old
 * build the browser is handed the old bundles in place of the new ones (same shell, same core,
 * same background load), the two alternating round by round. Per page: the load (the first host
 * card painted after navigation and the longest task, long-task observer, until 4 s after it), the
 * card grid's scroll (120 frames of 120 px, as window-scale.bench.ts) and the host table's (240
 * frames of 150 px): frame interval p50/p90/p99, and the renderer's script, layout, style and task
 * time from the DevTools protocol; and the search cleared back to all hosts (Esc in the box: input
 * to next paint, and to the views settled). A third argument `grid` measures the load and the card
 * grid only, `load` the load only. AB_NEW_DIR=dir serves another build in place of this checkout's
 * (to keep building while it runs). A shared 2-core machine: read medians, say the load.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { openBigDemo } from './big-demo';
import { watchLoad } from './window-scale.bench';

const MIME: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css' };
const log = (line: string): void => console.log(`window-ab: ${line}`);

/** Opens the console; for `oldDir`, the old build's bundles answer for the new ones. */
export async function openBuild(
  page: Page,
  url: string,
  oldDir: string | undefined,
): Promise<{ firstCard: number; longestTask: number }> {
  if (oldDir !== undefined) {
    const assets = readdirSync(join(oldDir, 'assets'));
    await page.route(`${new URL(url).origin}/assets/**`, async (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop() ?? '';
      // The new index.html names the new entry: the old entry answers it, and loads its own chunks.
      const file = assets.includes(name)
        ? name
        : /^index-.*\.(js|css)$/.test(name)
          ? assets.find((f) => f.startsWith('index-') && f.endsWith(extname(name)))
          : undefined;
      if (file === undefined) return route.continue();
      await route.fulfill({
        body: readFileSync(join(oldDir, 'assets', file)),
        contentType: MIME[extname(file)] ?? 'application/octet-stream',
      });
    });
  }
  // tsx names the functions it compiles with a helper the page does not have: a no-op there.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.addInitScript(watchLoad);
  await page.goto(url, { timeout: 120_000 });
  await page.waitForFunction(
    () =>
      ((window as unknown as { loadWatch: { firstCard?: number } }).loadWatch.firstCard ?? -1) > 0,
    undefined,
    { timeout: 120_000, polling: 100 },
  );
  await page.waitForTimeout(4_000); // the first samples land
  return page.evaluate(() => {
    const w = window as unknown as { loadWatch: { longest: number; firstCard: number } };
    return { firstCard: w.loadWatch.firstCard, longestTask: w.loadWatch.longest };
  });
}

/**
 * Scrolls the main area `frames` frames of `step` px, one step a frame, and times the frames
 * (requestAnimationFrame's timestamps). With `mark`, each frame is also a performance mark
 * `grid-frame-<i>` (for a trace) and its time is kept.
 */
export async function scrollMain(page: Page, frames: number, step: number, mark = false) {
  return page.evaluate(
    async ({ frames, step, mark }) => {
      const main = document.querySelector('main');
      if (!main) throw new Error('no main area');
      const intervals: number[] = [];
      const times: number[] = [];
      const frame = () =>
        new Promise<number>((r) =>
          requestAnimationFrame((t) => {
            if (mark) {
              performance.mark(`grid-frame-${times.length}`);
              times.push(performance.now());
            }
            r(t);
          }),
        );
      let last = await frame();
      for (let i = 0; i < frames; i++) {
        main.scrollTop += step;
        const now = await frame();
        intervals.push(now - last);
        last = now;
      }
      main.scrollTop = 0;
      await frame();
      intervals.sort((a, b) => a - b);
      const at = (p: number) =>
        intervals[Math.min(intervals.length - 1, Math.ceil(p * intervals.length) - 1)] ?? 0;
      return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), times };
    },
    { frames, step, mark },
  );
}

/** The scroll's frame intervals, and the renderer's time by kind from the DevTools protocol. */
async function measuredScroll(page: Page, frames: number, step: number, rowSelector: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () =>
    Object.fromEntries(
      (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
    );
  const before = await metrics();
  const { p50, p90, p99 } = await scrollMain(page, frames, step);
  const after = await metrics();
  const ms = (key: string) => ((after[key] ?? 0) - (before[key] ?? 0)) * 1000;
  const rowNodes = await page.evaluate(
    (selector) => document.querySelector(selector)?.getElementsByTagName('*').length,
    rowSelector,
  );
  await cdp.detach();
  return {
    p50,
    p90,
    p99,
    script: ms('ScriptDuration'),
    layout: ms('LayoutDuration'),
    style: ms('RecalcStyleDuration'),
    task: ms('TaskDuration'),
    rowNodes: (rowNodes ?? 0) + 1,
  };
}

/** The card grid (the topology, as opened): 120 frames of 120 px, as window-scale.bench.ts. */
async function gridScroll(page: Page) {
  await page.waitForTimeout(1_500);
  return measuredScroll(page, 120, 120, '[data-testid="host-card"]');
}

async function tableScroll(page: Page) {
  await page.click('[data-testid="view-host-table"]');
  await page.waitForSelector('[data-testid="host-row"]');
  await page.waitForTimeout(1_500);
  return measuredScroll(page, 240, 150, '[data-testid="host-row"]');
}

async function searchClear(page: Page) {
  await page.click('[data-testid="view-topology"]');
  await page.keyboard.press('/');
  await page.fill('[data-testid="fleet-search"]', 'zone=b');
  await page.waitForFunction(
    () =>
      document
        .querySelector('[data-testid="search-narrowing"]')
        ?.textContent?.includes('50 of 1000'),
    undefined,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(1_500);
  await page.keyboard.press('Escape'); // closes the results; the next Esc clears
  await page.waitForTimeout(500);
  return page.evaluate(async () => {
    const input = document.getElementById('fleet-search') as HTMLInputElement;
    let last = performance.now();
    const watch = new MutationObserver(() => (last = performance.now()));
    for (const part of document.querySelectorAll('main, .host-list')) {
      watch.observe(part, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    }
    const start = performance.now();
    const key = { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true };
    input.dispatchEvent(new KeyboardEvent('keydown', key));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const paint = performance.now() - start;
    let quiet = 0;
    let seen = last;
    while (quiet < 10) {
      await new Promise((r) => requestAnimationFrame(r));
      quiet = last === seen ? quiet + 1 : 0;
      seen = last;
    }
    watch.disconnect();
    if (input.value !== '') throw new Error('Esc did not clear the search');
    return { paint, settled: last - start };
  });
}

type Scroll = Awaited<ReturnType<typeof measuredScroll>>;
interface Figures {
  firstCard: number;
  longestTask: number;
  /** Not measured with `load`. */
  grid?: Scroll;
  /** Not measured with `grid` or `load`. */
  table?: Scroll;
  clearPaint?: number;
  clearSettled?: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function report(name: string, runs: Figures[]): void {
  const m = (pick: (f: Figures) => number | undefined, digits = 0) =>
    `${median(runs.map((f) => pick(f) ?? NaN)).toFixed(digits)} (${runs.map((f) => (pick(f) ?? NaN).toFixed(digits)).join('/')})`;
  const load =
    `${name}: load: first host card painted ${m((f) => f.firstCard)} ms after navigation, ` +
    `longest task ${m((f) => f.longestTask)} ms (to 4 s after the card)`;
  const scroll = (what: string, of: (f: Figures) => Scroll, frames: number, unit: string) =>
    `${what} scroll frame interval p50 ${m((f) => of(f).p50, 1)}, p90 ${m((f) => of(f).p90, 1)}, ` +
    `p99 ${m((f) => of(f).p99, 1)} ms; renderer script ${m((f) => of(f).script)}, layout ${m((f) => of(f).layout)}, ` +
    `style ${m((f) => of(f).style)}, tasks ${m((f) => of(f).task)} ms over ${frames} frames; ` +
    `${runs[0] ? of(runs[0]).rowNodes : '?'} nodes a ${unit}`;
  if (runs.some((f) => f.grid === undefined)) return log(load);
  const grid = scroll('card grid', (f) => f.grid!, 120, 'host card');
  if (runs.some((f) => f.table === undefined)) return log(`${load}; ${grid}`);
  log(
    `${load}; ${grid}; ${scroll('host table', (f) => f.table!, 240, 'row')}; ` +
      `search cleared: input to next paint ${m((f) => f.clearPaint)} ms, views settled ${m((f) => f.clearSettled)} ms`,
  );
}

export async function run(
  oldDir: string,
  rounds: number,
  /** `grid`: the load and the card grid only; `load`: the load only. */
  only?: 'grid' | 'load',
  /** Another build for "this build" (default: this checkout's out/renderer, as served). */
  newDir?: string,
): Promise<void> {
  if (!existsSync(join(oldDir, 'assets'))) throw new Error(`${oldDir} holds no build (no assets/)`);
  const { shell, browser, close } = await openBigDemo();
  const loads: number[] = [];
  const runs = { old: [] as Figures[], new: [] as Figures[] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const which of ['old', 'new'] as const) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        try {
          const load = await openBuild(page, shell.url, which === 'old' ? oldDir : newDir);
          if (only === 'load') {
            runs[which].push({ ...load });
          } else {
            const grid = await gridScroll(page);
            if (only === 'grid') {
              runs[which].push({ ...load, grid });
            } else {
              const table = await tableScroll(page);
              const clear = await searchClear(page);
              runs[which].push({
                ...load,
                grid,
                table,
                clearPaint: clear.paint,
                clearSettled: clear.settled,
              });
            }
          }
          loads.push(loadavg()[0] ?? 0);
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await close();
  }
  log(
    `1,000 hosts / 10,000 VMs, 1440×900, ${rounds} rounds alternating, load ` +
      `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; medians (each round); goals: first card ≤ 1,000 ms, longest task ≤ 50 ms, scroll p99 ≤ 20 ms (grid, table), clear ≤ 100 ms`,
  );
  report(`old build (${oldDir})`, runs.old);
  report(newDir === undefined ? 'this build' : `new build (${newDir})`, runs.new);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, rounds, only] = process.argv.slice(2);
  if (dir === undefined || (only !== undefined && only !== 'grid' && only !== 'load')) {
    console.error('usage: tsx bench/window-ab.ts OLD_RENDERER_DIR [rounds] [grid|load]');
    process.exit(2);
  }
  const newDir = process.env.AB_NEW_DIR;
  await run(resolve(dir), Number(rounds ?? 3), only, newDir && resolve(newDir));
}
