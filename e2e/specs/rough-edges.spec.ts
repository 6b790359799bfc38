import { mkdirSync } from 'node:fs';
import { expect, test } from '../fixtures/test';
import { MovePage } from '../pages/move-page';

// First-run rough edges, on the demo fleet only (no lab): the dialogs are really modal in Chromium,
// and a 1024x700 window leaves the topology usable with both side panels open.

test('Move to… with the keyboard: the review takes focus, keeps it, dims and blocks the page (event log too); Esc closes it and focus is back on the card', async ({
  page,
  openConsole,
}) => {
  const { app } = await openConsole({ demo: true });
  const { vmName, chooser } = await new MovePage(page).openMoveTo('running');
  await page.keyboard.press('Enter');
  const review = page.getByTestId('plan-review');
  await expect(review).toBeVisible();
  await expect(chooser).toBeHidden();
  const focusInReview = () =>
    page.evaluate(() => document.activeElement?.closest('[data-testid="plan-review"]') !== null);
  expect(await focusInReview()).toBe(true);
  // Tab walks the dialog, never the page behind it. (Past its last control Chromium lets focus go
  // to the browser's own UI, where the page reads it as <body>, and the next Tab comes back in.)
  const places = new Set<string>();
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    places.add(
      await page.evaluate(() =>
        document.activeElement?.closest('[data-testid="plan-review"]')
          ? 'review'
          : (document.activeElement?.tagName ?? 'none'),
      ),
    );
  }
  expect([...places].sort()).toEqual(['BODY', 'review']);
  // The event log is behind the backdrop: the point at its middle hits the dialog, not the log.
  const hit = await page.evaluate(() => {
    const log = document.querySelector('[data-testid="event-log"]')!.getBoundingClientRect();
    const at = document.elementFromPoint(log.x + log.width / 2, log.y + log.height / 2);
    return {
      inLog: at?.closest('[data-testid="event-log"]') !== null,
      modal: at?.matches(':modal'),
    };
  });
  expect(hit).toEqual({ inLog: false, modal: true });
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/modal-review.png' });
  await page.keyboard.press('Escape');
  await expect(review).toBeHidden();
  await expect(app.vmCard(vmName)).toBeFocused();
});

test('at 1024x700 with details and services open the topology keeps its width; panels lie over it', async ({
  page,
  openConsole,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openConsole({ demo: true });
  await page.locator('[data-testid="vm-card"]').first().click();
  await expect(page.getByTestId('details-panel')).toBeVisible();
  await page.getByTestId('services-toggle').click();
  await expect(page.getByTestId('side-panel')).toBeVisible();
  const width = await page.getByRole('main', { name: 'Topology' }).evaluate((m) => m.clientWidth);
  process.stdout.write(
    `MEASURED topology width at 1024x700, details + services open: ${width} px\n`,
  );
  expect(width).toBeGreaterThanOrEqual(700);
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/1024x700-panels.png' });
  // Closing the services panel shows the details again, still over the topology.
  await page.getByTestId('services-toggle').click();
  await expect(page.getByTestId('details-panel')).toBeVisible();
  await page.screenshot({ path: 'artifacts/screenshots/1024x700-details.png' });
});

test('the demo fleet opens with a sample service, deployed on demo hosts and healthy', async ({
  page,
  openConsole,
}) => {
  await openConsole({ demo: true });
  await page.getByTestId('services-toggle').click();
  const row = page.locator('[data-testid="service-row"][data-service-name="demo-shop"]');
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-health', 'healthy');
  const serviceId = (await row.getAttribute('data-service-id')) ?? '';
  await expect(page.locator(`[data-testid="vm-card"][data-service-id="${serviceId}"]`)).toHaveCount(
    4,
  );
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/demo-sample-service.png' });
});
