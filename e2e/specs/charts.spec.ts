import { mkdirSync } from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { startWebShell, type WebShell } from '../fixtures/web-shell';
import { ConsolePage } from '../pages/console-page';
import { ServicesPage } from '../pages/services-page';

// Charts of the demo fleet's history (the same pipeline as real hosts): drawn on canvas, ranges,
// the crosshair's figures in words, and a service's VMs stacked.
let shell: WebShell;
test.beforeEach(async () => {
  shell = await startWebShell({ demo: true });
});
test.afterEach(async () => {
  await shell.stop();
});

/** Pixels of the chart's canvas that are not transparent: 0 for a blank canvas. */
async function inkedPixels(chart: Locator): Promise<number> {
  return chart.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) inked++;
    return inked;
  });
}

test('host charts draw, change range, and say the figures under the crosshair', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const app = new ConsolePage(page);
  await app.open(shell.url);
  const panel = await app.selectHost('demo-hv02');
  const cpu = panel.getByTestId('chart-cpu');
  // The first rates come from the second sample, a couple of seconds after connecting.
  await expect(cpu.locator('canvas')).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => inkedPixels(cpu), { timeout: 20_000 }).toBeGreaterThan(500);
  const memory = panel.getByTestId('chart-memory');
  await expect(memory.locator('canvas')).toBeVisible();
  await expect(memory.getByTestId('chart-legend')).toContainText(/memory used \d+(\.\d)? GiB/);
  await expect(cpu.getByTestId('chart-legend')).toContainText(/^Latest, \d\d:\d\d:\d\dCPU \d/);

  // Live: more samples extend the line without a refetch (the legend's time moves on).
  const before = await cpu.getByTestId('chart-legend').textContent();
  await expect
    .poll(() => cpu.getByTestId('chart-legend').textContent(), { timeout: 20_000 })
    .not.toBe(before);

  // The crosshair: hover the plot, the legend says the time and the figures there.
  const box = await cpu.locator('.u-over').boundingBox();
  if (!box) throw new Error('the CPU chart has no plot area');
  await page.mouse.move(box.x + box.width - 3, box.y + box.height / 2);
  await expect(cpu.getByTestId('chart-legend')).toContainText(/^\d\d:\d\d:\d\dCPU \d+(\.\d)? %/);
  await expect(cpu.locator('.u-cursor-x')).toBeVisible();
  // Synced: the memory chart's legend follows the same crosshair.
  await expect(memory.getByTestId('chart-legend')).not.toContainText('Latest');
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/charts.png' });

  for (const range of ['24h', '30d'] as const) {
    await panel.getByTestId(`range-${range}`).click();
    await expect(panel.getByTestId(`range-${range}`)).toHaveAttribute('aria-pressed', 'true');
    await expect(cpu.locator('canvas')).toBeVisible();
    await expect.poll(() => inkedPixels(cpu)).toBeGreaterThan(200);
    // The demo's made-up past: a day and a month of points on the first open, not minutes.
    await expect
      .poll(async () => Number(await cpu.getAttribute('data-points')), { timeout: 20_000 })
      .toBeGreaterThan(1000);
  }
  // Dates on a 30-day axis: the legend says a day and month.
  await expect(cpu.getByTestId('chart-legend')).toContainText(
    /Latest, \d+ [A-Z][a-z]{2} \d\d:\d\d/,
  );

  // A free range: a bad one is refused in words, a good one is drawn.
  await panel.getByTestId('range-free').click();
  await panel.getByTestId('range-from').fill('2099-01-01T00:00');
  await panel.getByTestId('range-show').click();
  await expect(panel.getByTestId('range-error')).toContainText('future');
  await panel.getByTestId('range-from').fill(
    await panel
      .getByTestId('range-to')
      .inputValue()
      .then((t) => shiftBack(t)),
  );
  await panel.getByTestId('range-show').click();
  await expect(panel.getByTestId('range-free')).toHaveAttribute('aria-pressed', 'true');
  await expect(cpu.locator('canvas')).toBeVisible();

  // The README's picture: the last minutes, made-up past and live samples, across the chart.
  await panel.getByTestId('range-1h').click();
  await expect
    .poll(async () => Number(await cpu.getAttribute('data-points')), { timeout: 150_000 })
    .toBeGreaterThanOrEqual(12);
  await panel.getByTestId('range-free').click();
  await panel.getByTestId('range-to').fill(toField(Date.now() + 60_000));
  await panel.getByTestId('range-from').fill(toField(Date.now() - 3 * 60_000));
  await panel.getByTestId('range-show').click();
  await expect.poll(() => inkedPixels(cpu)).toBeGreaterThan(500);
  const plot = await cpu.locator('.u-over').boundingBox();
  if (plot) await page.mouse.move(plot.x + plot.width * 0.6, plot.y + plot.height / 2);
  await page.screenshot({ path: 'assets/screenshot-charts.png' });
});

test('charts follow the theme: dark colours after a switch', async ({ page }) => {
  const app = new ConsolePage(page);
  await app.open(shell.url);
  const panel = await app.selectHost('demo-hv01');
  const cpu = panel.getByTestId('chart-cpu');
  await expect.poll(() => inkedPixels(cpu), { timeout: 20_000 }).toBeGreaterThan(500);
  // Pixels in the first chart colour of each theme (--chart-1: #0969da light, #4493f8 dark).
  const near = (rgb: [number, number, number]) =>
    cpu.locator('canvas').evaluate((c: HTMLCanvasElement, [r, g, b]) => {
      const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        const dist =
          Math.abs((d[i] ?? 0) - r) + Math.abs((d[i + 1] ?? 0) - g) + Math.abs((d[i + 2] ?? 0) - b);
        if ((d[i + 3] ?? 0) > 200 && dist < 30) n++;
      }
      return n;
    }, rgb);
  const LIGHT: [number, number, number] = [9, 105, 218];
  const DARK: [number, number, number] = [68, 147, 248];
  await expect.poll(() => near(LIGHT)).toBeGreaterThan(0);
  expect(await near(DARK)).toBe(0);
  await page.evaluate(() => {
    document.documentElement.dataset.theme = 'dark';
  });
  await expect.poll(() => near(DARK)).toBeGreaterThan(0);
  expect(await near(LIGHT)).toBe(0);
});

test('a service shows its VMs stacked', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const app = new ConsolePage(page);
  await app.open(shell.url);
  const services = new ServicesPage(page);
  await services.open();
  const row = services
    .panel()
    .locator('[data-testid="service-row"]:not([data-health="not-deployed"])')
    .first();
  await row.locator('.service-name').click();
  const stack = row.getByTestId('chart-service-cpu');
  await expect.poll(() => inkedPixels(stack), { timeout: 25_000 }).toBeGreaterThan(300);
  await expect(stack.getByTestId('chart-legend')).toContainText(/total \d+(\.\d)? vCPUs?/);
  await expect(row.getByTestId('chart-service-memory').getByTestId('chart-legend')).toContainText(
    /total \d/,
  );
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'artifacts/screenshots/charts-service.png' });
});

/** A `datetime-local` value two hours earlier. */
function shiftBack(text: string): string {
  return toField(Date.parse(text) - 2 * 3_600_000);
}

/** A time as a `datetime-local` field holds it. */
function toField(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}
