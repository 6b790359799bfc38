/**
 * Heat map (issue 12): one update of 1,000 tiles, a new sample for every host (tile model, grouping,
 * React and the browser's style and layout), in Debian's Chromium, target ≤ 16 ms (one frame).
 * Baselines measured in the same run: the first render of the same grid, and a naive grid (the same
 * buttons unmemoised, each with its exact figure in a title, so every tile re-renders each sample).
 * Run by `npm run bench`; figures to read, not a pass/fail test.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import playwrightConfig from '../playwright.config';
import { fmtMs, percentile } from './measure';

const ROUNDS = 40;
const ROOT = join(import.meta.dirname, '..');
// The flags the e2e specs launch Debian's Chromium with, from their one list.
const CHROMIUM_FLAGS = playwrightConfig.use?.launchOptions?.args ?? [];
const log = (line: string): void => console.log(`heatmap: ${line}`);

interface Measured {
  mountMs: number;
  mountCpuMs: number;
  wall: number[];
  cpu: number[];
  tiles: number;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'federator-heatmap-bench-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
  try {
    await build({
      entryPoints: [join(ROOT, 'bench/heatmap-page.ts')],
      outfile: join(dir, 'page.js'),
      bundle: true,
      format: 'iife',
      platform: 'browser',
      jsx: 'automatic',
      minify: true,
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'error',
    });
    const css = ['renderer/app/theme.css', 'renderer/features/heatmap/heatmap.css']
      .map((file) => readFileSync(join(ROOT, file), 'utf8'))
      .join('\n');
    // The main area of a 1440×900 window: 1440 − the host list (240) − padding (32).
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head>` +
        `<body><div id="root" style="width:1168px"></div><script src="page.js"></script></body></html>`,
    );
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    // The page's main thread CPU (ThreadTime) around each draw: the machine is shared, and wall
    // time there measures the neighbours as much as the heat map.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const threadMs = async () =>
      ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')
        ?.value ?? NaN) * 1000;
    type Bench = {
      start(kind: string): Promise<number>;
      draw(round: number): Promise<number>;
      stop(): number;
    };
    const measure = async (kind: 'memoised' | 'naive'): Promise<Measured> => {
      const cpu0 = await threadMs();
      const mountMs = await page.evaluate(
        (k) => (window as unknown as { heatBench: Bench }).heatBench.start(k),
        kind,
      );
      const mountCpuMs = (await threadMs()) - cpu0;
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const before = await threadMs();
        wall.push(
          await page.evaluate(
            (r) => (window as unknown as { heatBench: Bench }).heatBench.draw(r),
            round,
          ),
        );
        cpu.push((await threadMs()) - before);
      }
      const tiles = await page.evaluate(() =>
        (window as unknown as { heatBench: Bench }).heatBench.stop(),
      );
      return { mountMs, mountCpuMs, wall, cpu, tiles };
    };
    await measure('memoised'); // warm-up: JIT and style caches, for both grids alike
    const naive = await measure('naive');
    const memoised = await measure('memoised');
    const line = (m: Measured) =>
      `CPU median ${fmtMs(percentile(m.cpu, 0.5))}, p95 ${fmtMs(percentile(m.cpu, 0.95))} ` +
      `(wall median ${fmtMs(percentile(m.wall, 0.5))})`;
    log(
      `${memoised.tiles} tiles, a new sample for every host, ${ROUNDS} rounds, Chromium main thread ` +
        `(model + React + style/layout + the frame after): update ${line(memoised)}, target ≤ 16 ms; ` +
        `baselines: first render CPU ${fmtMs(memoised.mountCpuMs)} (wall ${fmtMs(memoised.mountMs)}), ` +
        `naive grid (every tile re-rendered) update ${line(naive)}; load average ${loadavg()[0]?.toFixed(1)}`,
    );
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await run();
