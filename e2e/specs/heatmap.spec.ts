import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startWebShell, type WebShell } from '../fixtures/web-shell';
import { openBigDemo } from '../fixtures/big-demo';
import { ConsolePage } from '../pages/console-page';

// The fleet heat map, on the demo fleet (its samples come through the same pipeline as real hosts').
let shell: WebShell | undefined;
test.afterEach(async () => {
  await shell?.stop();
  shell = undefined;
});

const tile = (page: Page, hostId: string) =>
  page.locator(`[data-testid="heat-tile"][data-host-id="${hostId}"]`);

/** How many lines each view's name takes, and how many rows the top bar's controls take. */
const topBarRows = (page: Page) =>
  page.evaluate(() => {
    const lines = [...document.querySelectorAll('.view-switch-button')].map((b) => {
      const range = document.createRange();
      range.selectNodeContents(b);
      return range.getClientRects().length;
    });
    const middles = [...document.querySelectorAll('.top-bar > *')].map((e) => {
      const r = e.getBoundingClientRect();
      return Math.round((r.top + r.height / 2) / 20);
    });
    return { lines, rows: new Set(middles).size };
  });

test('heat map: group by zone, colour by CPU, and a click or Enter opens the host', async ({
  page,
}) => {
  shell = await startWebShell({ demo: true });
  const app = new ConsolePage(page);
  await app.open(shell.url);
  await page.getByTestId('view-heatmap').click();
  await expect(page.getByTestId('heatmap')).toBeVisible();
  await expect(page.getByTestId('heat-tile')).toHaveCount(4);
  // At 1440 px the top bar is one row and every view's name one line ("Heat map" wrapped once).
  expect(await topBarRows(page)).toEqual({ lines: [1, 1, 1, 1, 1], rows: 1 });

  await page.getByTestId('heat-group-by').selectOption('zone');
  await page.getByTestId('heat-colour-by').selectOption('cpu');
  const groups = page.getByTestId('heat-group');
  await expect(groups).toHaveCount(2);
  await expect(groups.nth(0)).toHaveAttribute('data-group', 'zone-a');
  await expect(groups.nth(1)).toHaveAttribute('data-group', 'zone-b');
  // Rates come from the second sample: then every connected host has a band and its zone an average.
  await expect(tile(page, 'demo-hv01')).toHaveAttribute('data-heat', /^b[0-5]$/, {
    timeout: 20_000,
  });
  await expect(groups.nth(0).getByTestId('heat-group-figures')).toContainText(
    /CPU avg \d+(\.\d)? %/,
  );
  await expect(page.getByTestId('heat-legend')).toContainText('90 % and over');
  // The demo's fourth host has its hypervisor not answering: hatched, in its health colour.
  await expect(tile(page, 'demo-hv04')).toHaveAttribute('data-problem', 'true');

  await tile(page, 'demo-hv01').hover();
  const tooltip = page.getByTestId('heat-tooltip');
  await expect(tooltip).toContainText('demo-hv01');
  await expect(tooltip).toContainText(/CPU \d+(\.\d)? % of \d+ cores/);
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'assets/screenshot-heatmap.png' });
  await page.getByTestId('heat-colour-by').selectOption('health');
  await expect(tile(page, 'demo-hv04')).toHaveAttribute('data-heat', 'hypervisor');
  await page.screenshot({ path: 'artifacts/screenshots/heatmap-health.png' });

  // The view is the window's own choice, kept across a reload.
  await page.reload();
  await expect(page.getByTestId('heatmap')).toBeVisible();
  await expect(page.getByTestId('view-heatmap')).toHaveAttribute('aria-pressed', 'true');

  await tile(page, 'demo-hv03').click();
  await expect(page.getByTestId('topology')).toBeVisible();
  await expect(page.getByTestId('details-panel')).toContainText('demo-hv03');
  await expect(app.hostCard('demo-hv03').locator('.host-title')).toBeFocused();

  // Keyboard: the map is one Tab stop, arrows move, Enter opens.
  await page.getByTestId('view-heatmap').click();
  await tile(page, 'demo-hv03').focus();
  // Zone a holds hv01 and hv03, zone b hv02 and hv04: the next tile is the next zone's first.
  await page.keyboard.press('ArrowRight');
  await expect(tile(page, 'demo-hv02')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-panel')).toContainText('demo-hv02');
  await expect(app.hostCard('demo-hv02').locator('.host-title')).toBeFocused();
});

test('heat map at 1,000 hosts (--demo-size 1000x10): every tile on one 1440×900 screen', async ({
  page,
}) => {
  test.setTimeout(180_000);
  mkdirSync('artifacts/screenshots', { recursive: true });
  // Opens on the heat map, as a window that chose it last time: 1,000 cards are not the point here.
  await page.addInitScript(() => window.localStorage.setItem('federator.main-view', 'heatmap'));
  shell = (await openBigDemo(page)).shell;
  await expect(page.getByTestId('heat-tile')).toHaveCount(1000, { timeout: 60_000 });
  await page.getByTestId('heat-group-by').selectOption('zone');
  await page.getByTestId('heat-colour-by').selectOption('cpu');
  await expect(page.getByTestId('heat-group')).toHaveCount(20);
  await expect
    .poll(() => page.locator('[data-testid="heat-tile"][data-heat^="b"]').count(), {
      timeout: 60_000,
    })
    .toBeGreaterThan(900);
  expect(await tilesOutside(page)).toBe(0);
  await page.screenshot({ path: 'assets/screenshot-heatmap-1000.png' });
  // The same in the dark theme, to look at (the window follows the system's choice).
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html[data-theme="dark"]')).toBeAttached();
  await page.screenshot({ path: 'artifacts/screenshots/heatmap-1000-dark.png' });
  // A lower window (at 14 px the groups take a fourth row here): the tiles are sized from the space
  // there is, and all still fit.
  await page.setViewportSize({ width: 1440, height: 780 });
  await expect.poll(() => tilesOutside(page)).toBe(0);
  await page.screenshot({ path: 'artifacts/screenshots/heatmap-1000-1440x780.png' });
});

/**
 * Tiles not inside the main area's visible part (under the event log, or needing a scroll), or
 * too small to see.
 */
function tilesOutside(page: Page): Promise<number> {
  return page.evaluate(() => {
    const main = document.querySelector('main')?.getBoundingClientRect();
    if (!main) return -1;
    const bottom = Math.min(main.bottom, window.innerHeight);
    const right = Math.min(main.right, window.innerWidth);
    return [...document.querySelectorAll('[data-testid="heat-tile"]')]
      .map((el) => el.getBoundingClientRect())
      .filter(
        (r) =>
          r.width < 10 ||
          r.left < main.left ||
          r.top < main.top ||
          r.right > right ||
          r.bottom > bottom,
      ).length;
  });
}
