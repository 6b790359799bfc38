import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { FleetSnapshot } from '../../shared/contract/requests';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { createDemoFleet } from '../../electron/core/hypervisor/demo/demo-fleet';
import { expect, test } from '../fixtures/test';
import type { WebShell } from '../fixtures/web-shell';
import { openBigDemo } from '../fixtures/big-demo';
import { scrollFrames } from '../fixtures/scroll-frames';
import { MovePage } from '../pages/move-page';

// The topology at 1,000 hosts / 10,000 VMs: only the rows of cards in view are drawn (the grid is
// virtualised), and dragging still works across it: verdicts on the cards that scroll in, and the
// grid scrolls by itself while the pointer is held at its edge. No lab: the demo fleet.

// Playwright's trace snapshots walk the whole DOM during page work: they would time themselves.
test.use({ trace: 'off' });

/** Generous: the grid draws a few screens of cards, never the fleet (154,000 nodes before). */
const DOM_CEILING = 8_000;

let shell: WebShell | undefined;
test.afterEach(async () => {
  await shell?.stop();
  shell = undefined;
});

const domNodes = (page: Page) => page.evaluate(() => document.getElementsByTagName('*').length);

test('at 1,000 hosts and 10,000 VMs the drag colours the hosts in view at once and keeps up with the pointer', async ({
  page,
  openConsole,
}) => {
  test.setTimeout(180_000);
  // The window over a fake bridge answering with the demo fleet at scale: the web shell only serves
  // the page. What is timed is the window's own work.
  const fleet = demoAtScale();
  await page.addInitScript(
    ({ snapshot, settings }) => {
      const answers: Record<string, unknown> = {
        'fleet:snapshot': snapshot,
        'services:list': { services: [] },
        'settings:get': settings,
        // Not a list: an empty answer here stopped the window before its first render.
        'alerts:list': { open: [], history: [] },
      };
      (window as unknown as Record<string, unknown>).federator = {
        invoke: (channel: string) => Promise.resolve({ ok: true, value: answers[channel] ?? [] }),
        on: () => () => undefined,
      };
    },
    { snapshot: fleet, settings: DEFAULT_SETTINGS },
  );
  await openConsole();
  await expect(page.getByTestId('host-card').first()).toBeVisible({ timeout: 60_000 });
  // The grid draws the rows in view and a few more, not the fleet.
  const drawn = await page.getByTestId('host-card').count();
  const nodes = await domNodes(page);
  expect(drawn).toBeGreaterThan(0);
  expect(drawn).toBeLessThan(60);
  expect(nodes).toBeLessThan(DOM_CEILING);

  const lastId =
    fleet.hosts
      .map((h) => h.config)
      .sort(byName)
      .at(-1)?.id ?? '';
  const figures = await page.evaluate(async (lastHostId) => {
    const frame = () =>
      new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));
    const pointer = (type: string, target: EventTarget, x: number, y: number) =>
      target.dispatchEvent(
        new PointerEvent(type, {
          bubbles: true,
          pointerId: 7,
          isPrimary: true,
          button: 0,
          clientX: x,
          clientY: y,
        }),
      );
    const main = document.querySelector('main')!;
    const card = document.querySelector<HTMLElement>('[data-testid="vm-card"]')!;
    const box = card.getBoundingClientRect();
    await frame();
    // Drag start: press, pass the threshold; every host card in view carries its verdict next paint.
    const t0 = performance.now();
    pointer('pointerdown', card, box.x + 5, box.y + 5);
    pointer('pointermove', window, box.x + 25, box.y + 25);
    await frame();
    const firstStartMs = performance.now() - t0;
    const onScreen = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
    };
    const cards = [...document.querySelectorAll('[data-testid="host-card"]')];
    const inView = cards.filter(onScreen);
    const inViewColoured = inView.filter((c) => c.hasAttribute('data-verdict')).length;
    // Scrolled to the last host mid-drag: its card is drawn and takes its colour within a few frames.
    main.scrollTop = main.scrollHeight;
    let framesToColour = 0;
    const last = () =>
      document.querySelector(`[data-testid="host-card"][data-host-id="${lastHostId}"]`);
    while (!last()?.hasAttribute('data-verdict') && framesToColour < 60) {
      await frame();
      framesToColour++;
    }
    const lastColoured = last()?.hasAttribute('data-verdict') ?? false;
    const nodesAtBottom = document.getElementsByTagName('*').length;
    main.scrollTop = 0;
    await frame();
    await frame();
    // A second drag: the engine's view of the fleet is built already (it is, once per change).
    pointer('pointerup', window, box.x + 25, box.y + 25);
    await frame();
    await frame();
    const t1 = performance.now();
    pointer('pointerdown', card, box.x + 5, box.y + 5);
    pointer('pointermove', window, box.x + 25, box.y + 25);
    await frame();
    const startMs = performance.now() - t1;
    // Then a new host under the pointer on every frame: the frame intervals say whether it keeps up.
    const hosts = [...document.querySelectorAll<HTMLElement>('[data-testid="host-card"]')]
      .filter(onScreen)
      .slice(0, 12);
    const intervals: number[] = [];
    let then = await frame();
    for (let i = 0; i < 240; i++) {
      const target = hosts[i % hosts.length]!.getBoundingClientRect();
      pointer('pointermove', window, target.x + 20, Math.max(target.y + 20, 200));
      const now = await frame();
      intervals.push(now - then);
      then = now;
    }
    pointer('pointercancel', window, 0, 0);
    intervals.sort((a, b) => a - b);
    const at = (p: number) =>
      intervals[Math.min(intervals.length - 1, Math.ceil(p * intervals.length) - 1)]!;
    return {
      firstStartMs,
      startMs,
      inView: inView.length,
      inViewColoured,
      lastColoured,
      framesToColour,
      nodesAtBottom,
      p50: at(0.5),
      p99: at(0.99),
      max: at(1),
    };
  }, lastId);
  const line =
    `MEASURED drag at ${fleet.hosts.length} hosts / ${fleet.vms.length} VMs in Chromium (virtualised grid: ` +
    `${drawn} host cards drawn, ${nodes} DOM nodes; ${figures.nodesAtBottom} at the bottom): drag start → ` +
    `the ${figures.inView} host cards in view coloured and painted in ${figures.firstStartMs.toFixed(1)} ms ` +
    `(first drag after a fleet change, engine input built) and ${figures.startMs.toFixed(1)} ms (next drag); ` +
    `the last host's card, scrolled to mid-drag, coloured after ${figures.framesToColour} frames; a new hovered ` +
    `host every frame: frame interval p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, ` +
    `max ${figures.max.toFixed(1)} ms (budget 16.7 ms)\n`;
  process.stdout.write(line);
  test.info().annotations.push({ type: 'drag at scale', description: line.trim() });
  expect(figures.inView).toBeGreaterThan(0);
  expect(figures.inViewColoured).toBe(figures.inView);
  expect(figures.lastColoured).toBe(true);
  expect(figures.framesToColour).toBeLessThanOrEqual(10); // frames, not ms: render, IO, effect
  expect(figures.nodesAtBottom).toBeLessThan(DOM_CEILING);
});

test('a VM dragged from the top onto a host 500 cards down: the grid scrolls while the pointer is held at its edge', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const opened = await openBigDemo(page);
  shell = opened.shell;
  const app = opened.app;
  const moves = new MovePage(page);
  await expect(app.hostCard('demo-hv0001')).toBeVisible({ timeout: 60_000 });
  expect(await domNodes(page)).toBeLessThan(DOM_CEILING);
  await page.screenshot({ path: 'assets/screenshot-topology-1000.png' });
  // The card grid's scroll, as bench/window-scale.bench.ts scrolls it (120 frames of 120 px), with
  // the demo's events arriving meanwhile: printed; the ceiling only catches a grid gone unusable.
  const gridScroll = await scrollFrames(page, 120, 120);
  await page.locator('main').evaluate((m) => (m.scrollTop = 0));
  const gridLine =
    `MEASURED card grid scroll at 1,000 hosts / 10,000 VMs: 120 frames of 120 px, frame interval ` +
    `p50 ${gridScroll.p50.toFixed(1)} ms, p99 ${gridScroll.p99.toFixed(1)} ms, max ` +
    `${gridScroll.max.toFixed(1)} ms (goal p99 20 ms); DOM nodes at most ${gridScroll.maxNodes}\n`;
  process.stdout.write(gridLine);
  test.info().annotations.push({ type: 'card grid scroll', description: gridLine.trim() });
  expect(gridScroll.p99).toBeLessThan(2_000);
  expect(gridScroll.maxNodes).toBeLessThan(DOM_CEILING);
  await expect(app.hostCard('demo-hv0001')).toBeVisible();
  // The first host's first running VM, and the 500th host by name (row 167 of 334 at 3 columns).
  const vmName = await app
    .hostCard('demo-hv0001')
    .locator('[data-testid="vm-card"][data-state="running"]')
    .first()
    .getAttribute('data-vm-name');
  const target = 'demo-hv0500';
  expect(vmName).toBeTruthy();
  await expect(app.hostCard(target)).toHaveCount(0); // far below: not drawn

  // Frame intervals and the DOM's size, recorded in the page while the grid scrolls by itself.
  await page.evaluate(() => {
    const w = window as unknown as { scrollWatch: { intervals: number[]; maxNodes: number } };
    w.scrollWatch = { intervals: [], maxNodes: 0 };
    let last = performance.now();
    let n = 0;
    const tick = (now: number) => {
      w.scrollWatch.intervals.push(now - last);
      last = now;
      if (n++ % 10 === 0) {
        const nodes = document.getElementsByTagName('*').length;
        w.scrollWatch.maxNodes = Math.max(w.scrollWatch.maxNodes, nodes);
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

  await moves.pickUp(vmName ?? '');
  const main = await page.locator('main').boundingBox();
  if (!main) throw new Error('no main area');
  const x = main.x + main.width / 2;
  const started = Date.now();
  // Past the bottom edge (over the event log): the fastest scroll.
  await page.mouse.move(x, main.y + main.height + 100, { steps: 5 });
  const cardTop = () =>
    page.evaluate((id) => {
      const card = document.querySelector(`[data-testid="host-card"][data-host-name="${id}"]`);
      return card ? card.getBoundingClientRect().top : null;
    }, target);
  // Slower as the target comes near, stopped (pointer in the middle) once its card is in view.
  const bottom = main.y + main.height;
  let top = await cardTop();
  for (let i = 0; i < 2000; i++) {
    top = await cardTop();
    if (top !== null && top > main.y + 60 && top < bottom - 320) break;
    if (top === null) {
      if (Date.now() - started > 150_000) break;
      await page.waitForTimeout(25);
      continue;
    }
    // Drawn in the overscan below or above the view: creep towards it at the edge's gentle part.
    await page.mouse.move(x, top > bottom - 320 ? bottom - 25 : main.y + 25);
    await page.waitForTimeout(25);
  }
  await page.mouse.move(x, main.y + main.height / 2);
  const scrolledMs = Date.now() - started;
  expect(top).not.toBeNull();
  // Still dragging (a lost drag would also leave the card uncoloured: said apart here).
  await expect(page.getByTestId('drag-ghost')).toBeVisible();
  // The card scrolled in during the drag carries its verdict; over it, the tooltip names it.
  await expect(app.hostCard(target)).toHaveAttribute('data-verdict', /^(fits|soft|refused)$/);
  await moves.hoverHost(target);
  const verdict = await moves.tooltip().getAttribute('data-verdict');
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/drag-at-scale-autoscroll.png' });
  const watch = await page.evaluate(() => {
    const w = window as unknown as { scrollWatch: { intervals: number[]; maxNodes: number } };
    const sorted = [...w.scrollWatch.intervals].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    return { p50: at(0.5), p99: at(0.99), max: at(1), maxNodes: w.scrollWatch.maxNodes };
  });
  const scrollTop = await page.locator('main').evaluate((el) => el.scrollTop);
  await moves.release();
  if (verdict === 'refused') {
    await expect(page.getByTestId('move-notice')).toBeVisible();
  } else {
    // The drop is a move to that host, reviewed first.
    const review = page.getByTestId('plan-review');
    await expect(review).toBeVisible();
    await expect(review).toContainText(vmName ?? '');
    await expect(review).toContainText(target);
    await review.getByTestId('discard-plan').click();
    await expect(review).toBeHidden();
  }
  const line =
    `MEASURED drag with auto-scroll at 1,000 hosts / 10,000 VMs: from ${vmName} on demo-hv0001 to ` +
    `${target} (${scrollTop} px down) in ${scrolledMs} ms of scrolling (the test's own polling ` +
    `included); frame interval while it scrolled p50 ${watch.p50?.toFixed(1)} ms, p99 ` +
    `${watch.p99?.toFixed(1)} ms, max ${watch.max?.toFixed(1)} ms; DOM nodes at most ` +
    `${watch.maxNodes}; verdict over the target: ${verdict}\n`;
  process.stdout.write(line);
  test.info().annotations.push({ type: 'drag with auto-scroll', description: line.trim() });
  expect(scrollTop).toBeGreaterThan(20_000);
  expect(watch.maxNodes).toBeLessThan(DOM_CEILING);

  // A jump from the heat map to a host far down: the topology scrolls there and focuses its name.
  await page.getByTestId('view-heatmap').click();
  await page.locator('[data-testid="heat-tile"][data-host-id="demo-hv0900"]').click();
  await expect(page.getByTestId('details-panel')).toContainText('demo-hv0900');
  const title = app.hostCard('demo-hv0900').locator('.host-title');
  await expect(title).toBeFocused();
  await expect(title).toBeInViewport();
});

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, undefined, { numeric: true });

/** The demo fleet at 1,000 hosts × 10 VMs, shaped as the core's snapshot. */
function demoAtScale(): FleetSnapshot {
  const specs = createDemoFleet({ hosts: 1000, vmsPerHost: 10, seed: 42 });
  return {
    hosts: specs.map((spec) => ({
      config: spec.config,
      state: spec.facts.virtualLayer.status === 'ok' ? 'connected' : 'hypervisor-problem',
      facts: { value: spec.facts, at: 0 },
    })),
    vms: specs.flatMap((s) => s.vms),
    demo: true,
  };
}
