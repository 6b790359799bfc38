/**
 * Where a frame of the card grid's scroll goes, at 1,000 hosts / 10,000 VMs: `tsx
 * bench/grid-profile.ts [OLD_RENDERER_DIR]` opens the web shell's demo (or the old build's bundles,
 * as window-ab.ts serves them), scrolls the topology's main area 120 frames of 120 px (as
 * window-scale.bench.ts does) under a DevTools trace (devtools.timeline), and prints the renderer
 * main thread's time by kind (script, style, layout, paint, hit test...) over the scroll, and for
 * the slowest frames. Also the DOM nodes of one host card of 10 VMs. A tool for looking, not a
 * figure of record: window-ab.ts is the A/B.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { openBigDemo } from './big-demo';
import { openBuild, scrollMain } from './window-ab';
import type { TraceEvent } from './trace-event';

/** The kinds a frame's main-thread time is told in. */
const KINDS: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  'v8.run': 'script',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  UpdateLayoutTree: 'style',
  ScheduleStyleRecalculation: 'style',
  Layout: 'layout',
  'LocalFrameView::RunPostLifecycleSteps': 'post-lifecycle',
  PrePaint: 'pre-paint',
  Paint: 'paint',
  Layerize: 'layerize',
  UpdateLayer: 'layerize',
  Commit: 'commit',
  HitTest: 'hit-test',
  'ResizeObserver::BroadcastObservations': 'resize-observer',
  ParseHTML: 'parse',
  'IntersectionObserverController::computeIntersections': 'intersection',
};

async function main(): Promise<void> {
  const oldDir = process.argv[2] === undefined ? undefined : resolve(process.argv[2]);
  const { shell, browser, close } = await openBigDemo();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openBuild(page, shell.url, oldDir);
    const cardNodes = await page.evaluate(() => {
      const card = document.querySelector('[data-testid="host-card"]');
      return card ? card.getElementsByTagName('*').length + 1 : 0;
    });
    const cdp = await page.context().newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink.user_timing',
      transferMode: 'ReportEvents',
    });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const frames = await scrollMain(page, 120, Number(process.env.STEP ?? 120), true);
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();

    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    if (!main) throw new Error('no renderer main thread in the trace');
    const onMain = events.filter(
      (e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined,
    );
    // Time the marks to the trace's clock: the page's frame times are performance.now().
    const marks = events.filter((e) => e.name.startsWith('grid-frame-'));
    const start = marks.find((e) => e.name === 'grid-frame-0')?.ts;
    if (start === undefined) throw new Error('no frame marks in the trace');
    const boundaries = frames.times.map((t) => start + (t - frames.times[0]!) * 1000);
    const byKind = (from: number, to: number) => {
      const sum: Record<string, number> = {};
      for (const e of onMain) {
        const kind = KINDS[e.name];
        if (!kind) continue;
        const a = Math.max(from, e.ts);
        const b = Math.min(to, e.ts + (e.dur ?? 0));
        if (b > a) sum[kind] = (sum[kind] ?? 0) + (b - a) / 1000;
      }
      return sum;
    };
    const fmt = (sum: Record<string, number>) =>
      Object.entries(sum)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(', ');
    const total = byKind(boundaries[0]!, boundaries.at(-1)!);
    console.log(
      `grid-profile: ${oldDir ?? 'this build'}, load ${loadavg()[0]?.toFixed(1)}; one host card ${cardNodes} nodes; ` +
        `frame interval p50 ${frames.p50.toFixed(1)}, p99 ${frames.p99.toFixed(1)}, max ${frames.max.toFixed(1)} ms`,
    );
    console.log(
      `grid-profile: over ${frames.times.length - 1} frames (ms, nested events counted in each): ${fmt(total)}`,
    );
    const slow = frames.times
      .slice(1)
      .map((t, i) => ({ i, ms: t - frames.times[i]! }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 6);
    for (const f of slow) {
      console.log(
        `grid-profile: frame ${f.i} ${f.ms.toFixed(1)} ms: ${fmt(byKind(boundaries[f.i]!, boundaries[f.i + 1]!))}`,
      );
      // The script in it: the outermost script events, by what started them.
      const from = boundaries[f.i]!;
      const to = boundaries[f.i + 1]!;
      const scripts = onMain
        .filter((e) => KINDS[e.name] === 'script' && e.ts < to && e.ts + (e.dur ?? 0) > from)
        .filter((e) => (e.dur ?? 0) > 2000)
        .map((e) => {
          const d = e.args?.data;
          const what = d?.type ?? d?.functionName ?? '';
          const where = d?.url ? `${d.url.split('/').pop()}:${d.lineNumber ?? ''}` : '';
          return `${e.name}(${what} ${where}) ${((e.dur ?? 0) / 1000).toFixed(1)}`;
        });
      console.log(`grid-profile:   ${scripts.slice(0, 8).join('; ')}`);
    }
    // Self time by function over the scroll (the sampling profiler): what the script is.
    const self = new Map<string, number>();
    const dt = new Map<number, number>();
    (profile.samples ?? []).forEach((id, i) => {
      dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0));
    });
    const inclusive = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    for (const n of profile.nodes) {
      const f = n.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
      const us = dt.get(n.id) ?? 0;
      self.set(key, (self.get(key) ?? 0) + us);
      // Inclusive: this sample counts once for each distinct function on its stack.
      const seen = new Set<string>();
      for (let at: number | undefined = n.id; at !== undefined; at = parent.get(at)) {
        const g = byId.get(at)!.callFrame;
        const k = `${g.functionName || '(anon)'} ${g.url.split('/').pop()}:${g.lineNumber + 1}:${g.columnNumber + 1}`;
        if (seen.has(k)) continue;
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + us);
      }
    }
    const top = (m: Map<string, number>) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 25)
        .map(([k, v]) => `  ${(v / 1000).toFixed(1).padStart(7)} ms  ${k}`)
        .join('\n');
    console.log(`grid-profile: self time by function:\n${top(self)}`);
    // The stacks under the function of most self time (JS only), heaviest first.
    const heaviest = process.env.FN
      ? [...self.keys()].find((k) => k.startsWith(`${process.env.FN} `))
      : [...self.entries()].filter(([k]) => !k.startsWith('(')).sort((a, b) => b[1] - a[1])[0]?.[0];
    const stacks = new Map<string, number>();
    for (const n of profile.nodes) {
      const f = n.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
      if (key !== heaviest) continue;
      const names: string[] = [];
      for (let at = parent.get(n.id); at !== undefined && names.length < 9; at = parent.get(at)) {
        const g = byId.get(at)!.callFrame;
        names.push(
          `${g.functionName || '(anon)'}@${g.url.split('/').pop()}:${g.lineNumber + 1}:${g.columnNumber + 1}`,
        );
      }
      const stack = names.join(' < ');
      stacks.set(stack, (stacks.get(stack) ?? 0) + (dt.get(n.id) ?? 0));
    }
    console.log(
      `grid-profile: ${heaviest} called from:\n` +
        [...stacks.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 5)
          .map(([k, v]) => `  ${(v / 1000).toFixed(1).padStart(7)} ms  ${k}`)
          .join('\n'),
    );
    console.log(`grid-profile: inclusive time by function:\n${top(inclusive)}`);
    await page.close();
  } finally {
    await close();
  }
}

await main();
