/**
 * Charts (issue 12): drawing 24 h at 10 s resolution (8,640 points × 4 series) as the details
 * panel's <TimeSeriesChart> does — the samples gathered to one position per pixel column
 * (fitToColumns, the renderer's own module bundled into the page), then uPlot — in Debian's
 * Chromium (software canvas: --disable-gpu). Baselines measured in the same page: uPlot given all
 * 8,640 positions (what the chart did before it fitted them), the same points drawn with plain
 * canvas moveTo/lineTo (the least any chart must do), and uPlot with the 360 points of the live
 * hour. Also a redraw after one appended point (what live appending costs per sample). Each figure
 * runs until the canvas is flushed (a one-pixel getImageData). Figures to read, not a pass/fail test.
 */
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import playwrightConfig from '../playwright.config';
import { fmtMs } from './measure';

const UPLOT = fileURLToPath(
  new URL('../node_modules/uplot/dist/uPlot.iife.min.js', import.meta.url),
);
const WIDTH = 800;
const HEIGHT = 300;
const RUNS = 15;
const log = (line: string): void => console.log(`charts: ${line}`);
/** The chart's y axis takes 64 px of the box (chart-options); the rest are its pixel columns. */
const COLUMNS = WIDTH - 64;

/** renderer/ui/charts/chart-columns.ts as a script for the page: `window.chartColumns.fitToColumns`. */
function fitScript(): string {
  const entry = fileURLToPath(new URL('../renderer/ui/charts/chart-columns.ts', import.meta.url));
  const built = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: 'chartColumns',
    write: false,
  });
  return built.outputFiles[0]?.text ?? '';
}

/** Runs in the page: medians (ms) of each way of drawing. */
async function measureInPage(args: {
  width: number;
  height: number;
  runs: number;
  columns: number;
}) {
  type Plot = { destroy(): void; setData(d: unknown): void };
  type Chart = { times: number[]; series: { role: string; values: (number | null)[] }[] };
  const page = window as unknown as {
    uPlot: new (o: object, d: unknown, el: HTMLElement) => Plot;
    chartColumns: { fitToColumns(d: Chart, columns: number, w: [number, number]): Chart };
  };
  const U = page.uPlot;
  // As the chart does: the positions gathered to its columns, avg lines as means, max lines as max.
  const fitted = (data: number[][]) => {
    const [times = [], ...ys] = data;
    const window: [number, number] = [times[0] ?? 0, (times[times.length - 1] ?? 0) + 10_000];
    const chart = page.chartColumns.fitToColumns(
      { times, series: ys.map((values, i) => ({ role: i % 2 ? 'max' : 'avg', values })) },
      args.columns,
      window,
    );
    return [chart.times, ...chart.series.map((s) => s.values)];
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const flush = (root: HTMLElement) =>
    root.querySelector('canvas')?.getContext('2d')?.getImageData(0, 0, 1, 1);
  const make = (points: number) => {
    const start = Date.UTC(2026, 11, 4);
    const x = Array.from({ length: points }, (_, i) => start + i * 10_000);
    const ys = [0, 1, 2, 3].map((s) =>
      x.map((_, i) => 40 + 30 * Math.sin(i / (50 + s * 7)) + ((i * 7919 + s) % 13)),
    );
    return [x, ...ys] as number[][];
  };
  const options = () => ({
    width: args.width,
    height: args.height,
    ms: 1,
    legend: { show: false },
    scales: { x: { time: true } },
    series: [
      {},
      ...['#0969da', '#bc4c00', '#1a7f37', '#8250df'].map((stroke) => ({ stroke, width: 1.5 })),
    ],
  });
  const root = document.createElement('div');
  document.body.append(root);
  const uplot = async (data: number[][], fit = false) => {
    const times: number[] = [];
    for (let r = 0; r < args.runs + 2; r++) {
      root.replaceChildren();
      const t0 = performance.now();
      let drawn = 0;
      const plot = new U(
        { ...options(), hooks: { draw: [() => (drawn = performance.now())] } },
        fit ? fitted(data) : data,
        root,
      );
      await Promise.resolve(); // uPlot commits its first draw in a microtask
      flush(root);
      if (drawn === 0) throw new Error('uPlot did not draw');
      if (r >= 2) times.push(performance.now() - t0);
      plot.destroy();
    }
    return median(times);
  };
  const full = make(8640);
  const fittedFull = await uplot(full, true);
  const fittedPositions = (fitted(full)[0] ?? []).length;
  const uplotFull = await uplot(full);
  const uplotHour = await uplot(make(360));

  // Baseline: the same 4 × 8,640 points as plain lines on a canvas of the same size.
  const canvas = document.createElement('canvas');
  canvas.width = args.width;
  canvas.height = args.height;
  root.replaceChildren(canvas);
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  const plain: number[] = [];
  const x = full[0] as number[];
  const x0 = x[0] ?? 0;
  const span = (x[x.length - 1] ?? 1) - x0;
  for (let r = 0; r < args.runs + 2; r++) {
    const t0 = performance.now();
    ctx.clearRect(0, 0, args.width, args.height);
    for (const ys of full.slice(1)) {
      ctx.beginPath();
      ys.forEach((y, i) => {
        const px = (((x[i] ?? 0) - x0) / span) * args.width;
        const py = args.height - (y / 100) * args.height;
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      });
      ctx.stroke();
    }
    ctx.getImageData(0, 0, 1, 1);
    if (r >= 2) plain.push(performance.now() - t0);
  }

  // Live: one more point on a drawn 24 h chart (fitted again, as the chart does on each change).
  root.replaceChildren();
  const plot = new U(options(), fitted(full), root);
  await Promise.resolve();
  const append: number[] = [];
  for (let r = 0; r < args.runs; r++) {
    const next = full.map((col, s) => [
      ...col.slice(1),
      s === 0 ? (col[col.length - 1] ?? 0) + 10_000 : 50,
    ]);
    full.splice(0, full.length, ...next);
    const t0 = performance.now();
    plot.setData(fitted(full));
    await Promise.resolve();
    flush(root);
    append.push(performance.now() - t0);
  }
  plot.destroy();
  return {
    fittedFull,
    fittedPositions,
    uplotFull,
    uplotHour,
    plain: median(plain),
    append: median(append),
  };
}

export async function run(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // The flags the e2e specs launch Debian's Chromium with, from their one list.
    args: playwrightConfig.use?.launchOptions?.args ?? [],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: readFileSync(UPLOT, 'utf8') });
    // tsx (esbuild) names functions with a __name helper that the page does not have.
    await page.addScriptTag({ content: 'window.__name = (f) => f;' });
    await page.addScriptTag({ content: fitScript() });
    const r = await page.evaluate(measureInPage, {
      width: WIDTH,
      height: HEIGHT,
      runs: RUNS,
      columns: COLUMNS,
    });
    log(`${WIDTH}×${HEIGHT} canvas, Chromium ${browser.version()} (software), median of ${RUNS}`);
    log(
      `24 h at 10 s (8,640 points × 4 series) as the chart draws it, fitted to ${COLUMNS} columns ` +
        `(${r.fittedPositions} positions) + uPlot create + draw: ${fmtMs(r.fittedFull)} (target ≤ 16 ms)`,
    );
    log(`  baseline: uPlot given all 8,640 positions (before fitting): ${fmtMs(r.uplotFull)}`);
    log(`  baseline: the same points with plain canvas lineTo: ${fmtMs(r.plain)}`);
    log(`  baseline: uPlot, the live hour (360 points × 4 series): ${fmtMs(r.uplotHour)}`);
    log(`24 h, one point appended (fit + setData + redraw): ${fmtMs(r.append)}`);
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
