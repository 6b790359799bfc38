import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createDemoFleet } from '../../electron/core/hypervisor/demo/demo-fleet';
import { expect, test } from '../fixtures/test';
import type { WebShell } from '../fixtures/web-shell';
import { openBigDemo } from '../fixtures/big-demo';

// The one search box at 1,000 hosts / 10,000 VMs (the demo, no lab): per keystroke, clearing, and a
// VM found by its name and opened with Enter. Figures are printed (MEASURED); the ceilings asserted
// are generous, for a busy 2-core machine: issue 14's goals are 50 ms a keystroke, 100 ms to clear.

// Playwright's trace snapshots walk the whole DOM during page work: they would time themselves.
test.use({ trace: 'off' });

const KEYSTROKE_CEILING_MS = 2_000;
const CLEAR_CEILING_MS = 2_000;
const OPEN_CEILING_MS = 2_000;

let shell: WebShell | undefined;
test.afterEach(async () => {
  await shell?.stop();
  shell = undefined;
});

test('search at 1,000 hosts: each keystroke and the clearing settle fast, and Enter opens a VM found by name', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const opened = await openBigDemo(page);
  shell = opened.shell;
  const app = opened.app;
  await expect(app.hostCard('demo-hv0001')).toBeVisible({ timeout: 60_000 });
  // A VM far down the fleet (the 700th host's), by the name the demo gives it.
  const vm = createDemoFleet({ hosts: 1000, vmsPerHost: 10, seed: 42 })[699]?.vms[4];
  if (!vm) throw new Error('no such demo VM');
  await expect(app.hostCard(vm.hostId)).toHaveCount(0); // far below: not drawn

  await installSettleClock(page);
  // The demo's hosts send their first samples one by one after the load, and each redraws a
  // card's meters: start typing once the page has been still for a while, or the first keystroke
  // would be timed to the end of that stream (12.5 s once, in a CI run).
  await waitStill(page);
  await page.keyboard.press('/');
  await expect(page.getByTestId('fleet-search')).toBeFocused();
  const keystrokes: Keystroke[] = [];
  for (const char of vm.name) keystrokes.push(await typeOne(page, char));
  const results = page.getByTestId('search-results');
  await expect(
    results.getByTestId('search-result').first().locator('.search-option-label'),
  ).toHaveText(vm.name);
  await expect(page.getByTestId('search-narrowing')).toContainText('of 1000 hosts shown');
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/search-1000-vm.png' });

  // Enter: the first result is the VM of that exact name; its details open, its card is focused.
  const openMs = await settle(page, () => page.keyboard.press('Enter'));
  const details = page.getByTestId('details-panel');
  await expect(details).toContainText(vm.name);
  await expect(details).toContainText(vm.hostId);
  await expect(page.locator(`[data-testid="vm-card"][data-vm-id="${vm.id}"]`)).toBeFocused();

  // A query that narrows to 50 hosts (a zone), then cleared at once back to all 1,000.
  await page.keyboard.press('/');
  await page.getByTestId('fleet-search').fill('');
  for (const char of 'zone=b') keystrokes.push(await typeOne(page, char));
  await expect(page.getByTestId('search-narrowing')).toContainText('50 of 1000 hosts shown');
  // Esc closes the results, Esc again clears the search: timed from that second Esc, dispatched
  // in the page (no round trip to Playwright), to the next frame painted (issue 14's goal: what
  // the admin sees answer the key) and to the views settled on all 1,000 hosts.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('search-results')).toHaveCount(0);
  const clear = await clearInPage(page);
  const clearMs = clear.paint;
  await expect(page.getByTestId('search-narrowing')).toHaveCount(0);
  await expect(app.hostCard('demo-hv0001')).toBeVisible();
  // What the admin sees for a word that names a service, its applications and their VMs.
  await page.getByTestId('fleet-search').focus();
  await page.keyboard.type('web');
  await expect(page.getByTestId('search-results').getByRole('group')).not.toHaveCount(0);
  await page.screenshot({ path: 'assets/screenshot-search-1000.png' });
  const longest = await page.evaluate(
    () => (window as unknown as SettleWindow).settleClock.longestTask,
  );

  process.stdout.write(
    `MEASURED each keystroke [results list, views settled] ms: ${JSON.stringify(keystrokes.map((k) => [Math.round(k.box), Math.round(k.views)]))}\n`,
  );
  const box = figures(keystrokes.map((k) => k.box));
  const views = figures(keystrokes.map((k) => k.views));
  const line =
    `MEASURED search at 1000x10 (${keystrokes.length} keystrokes): results list ${box}, ` +
    `views settled ${views}; clear: input to next paint ${clearMs.toFixed(0)} ms, views settled ` +
    `${clear.settled.toFixed(0)} ms; Enter on VM "${vm.name}" → details ` +
    `${openMs.toFixed(0)} ms; longest task ${longest.toFixed(0)} ms\n`;
  process.stdout.write(line);
  test.info().annotations.push({ type: 'search at scale', description: line.trim() });
  expect(Math.max(...keystrokes.map((k) => k.views))).toBeLessThan(KEYSTROKE_CEILING_MS);
  expect(clearMs).toBeLessThan(CLEAR_CEILING_MS);
  expect(openMs).toBeLessThan(OPEN_CEILING_MS);
});

/** "median 12 ms, max 30 ms". */
function figures(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return `median ${median.toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`;
}

/** One keystroke's figures: to the next frame (the box and its list) and to the views settled. */
interface Keystroke {
  box: number;
  views: number;
}

/**
 * Types one character into the search box from inside the page (as the browser's input event
 * does, without the round trip to Playwright) and times it: to the first frame after the event,
 * where the box and its results are drawn, and to the last DOM change the views made.
 */
async function typeOne(page: Page, char: string): Promise<Keystroke> {
  return page.evaluate(async (c) => {
    const w = window as unknown as SettleWindow;
    const input = document.getElementById('fleet-search') as HTMLInputElement;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    const before = w.settleClock.mutations;
    const start = performance.now();
    setValue?.call(input, input.value + c);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(r));
    const box = performance.now() - start;
    return { box, views: (await w.settleClock.quiet(before)) - start };
  }, char);
}

/**
 * Presses Esc in the search box from inside the page and times it: to the frame after the one
 * that drew the cleared box (what the admin sees answer the key), and to the views' last change.
 */
function clearInPage(page: Page): Promise<{ paint: number; settled: number }> {
  return page.evaluate(async () => {
    const w = window as unknown as SettleWindow;
    const input = document.getElementById('fleet-search') as HTMLInputElement;
    const before = w.settleClock.mutations;
    const start = performance.now();
    const key = { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true };
    input.dispatchEvent(new KeyboardEvent('keydown', key));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const paint = performance.now() - start;
    if (input.value !== '') throw new Error(`Esc left "${input.value}" in the box`);
    return { paint, settled: (await w.settleClock.quiet(before)) - start };
  });
}

/** Until 30 frames in a row bring no DOM change to the watched parts (at most 60 s). */
function waitStill(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const clock = (window as unknown as SettleWindow).settleClock;
    const deadline = performance.now() + 60_000;
    let still = 0;
    let seen = clock.mutations;
    while (still < 30 && performance.now() < deadline) {
      await new Promise((r) => requestAnimationFrame(r));
      still = clock.mutations === seen ? still + 1 : 0;
      seen = clock.mutations;
    }
  });
}

/** What installSettleClock leaves in the page. */
interface SettleWindow {
  settleClock: {
    mutations: number;
    lastMutation: number;
    longestTask: number;
    /** Once ten frames in a row brought no DOM change after `before`: the last change's time. */
    quiet(before: number): Promise<number>;
  };
  settleStart: number;
}

/** Counts DOM changes and the longest task, so `settle` can tell when the page has finished. */
function installSettleClock(page: Page): Promise<void> {
  return page.evaluate(() => {
    const clock: SettleWindow['settleClock'] = {
      mutations: 0,
      lastMutation: 0,
      longestTask: 0,
      quiet: async (before) => {
        let quiet = 0;
        let seen = clock.mutations;
        while (quiet < 10) {
          await new Promise((r) => requestAnimationFrame(r));
          const now = clock.mutations;
          quiet = now === seen && now > before ? quiet + 1 : 0;
          seen = now;
        }
        return clock.lastMutation;
      },
    };
    (window as unknown as SettleWindow).settleClock = clock;
    // The search's own parts only: the event log's lines of the live demo are not its work (the
    // cards' meters still are counted when a sample round lands: read the max as an upper bound).
    const observer = new MutationObserver(() => {
      clock.mutations++;
      clock.lastMutation = performance.now();
    });
    for (const part of document.querySelectorAll('main, .host-list, .fleet-search')) {
      observer.observe(part, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    }
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        clock.longestTask = Math.max(clock.longestTask, entry.duration);
      }
    }).observe({ type: 'longtask', buffered: false });
  });
}

/**
 * Runs `act` and returns the ms from just before it until the page's last DOM change, once ten
 * frames in a row (about 160 ms) brought none: what the admin waits for, render and effects included.
 */
async function settle(page: Page, act: () => Promise<void>): Promise<number> {
  const start = await page.evaluate(() => {
    const w = window as unknown as SettleWindow;
    w.settleStart = performance.now();
    return w.settleClock.mutations;
  });
  await act();
  return page.evaluate(async (before) => {
    const w = window as unknown as SettleWindow;
    return (await w.settleClock.quiet(before)) - w.settleStart;
  }, start);
}
