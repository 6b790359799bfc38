import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ConsolePage } from '../pages/console-page';
import { startWebShell, type WebShell } from '../fixtures/web-shell';

// A new user with no hosts: the console opens on the demo fleet, clearly labelled, and offers
// "add host". No lab needed here; this is the first thing anyone sees.
let shell: WebShell;
test.beforeEach(async () => {
  shell = await startWebShell({ demo: true });
});
test.afterEach(async () => {
  await shell.stop();
});

test('with no hosts configured, the demo fleet is shown and labelled', async ({ page }) => {
  const app = new ConsolePage(page);
  await app.open(shell.url);
  await expect(app.demoBanner()).toBeVisible();
  await expect(app.hostCards().first()).toBeVisible();
  expect(await app.hostCards().count()).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('add-host-button').first()).toBeVisible();
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/demo-fleet.png', fullPage: true });
});

test('hiding the demo leaves an empty console that offers "add host" and the demo again', async ({
  page,
}) => {
  const app = new ConsolePage(page);
  await app.open(shell.url);
  await page.getByTestId('hide-demo-button').click();
  await expect(app.hostCards()).toHaveCount(0);
  await expect(page.getByTestId('add-host-button').first()).toBeVisible();
  // …and the demo stays one click away.
  await page.getByTestId('show-demo-button').click();
  await expect(app.demoBanner()).toBeVisible();
  await expect(app.hostCards().first()).toBeVisible();
});

test('the web shell refuses a page without its token', async ({ page }) => {
  const withoutToken = new URL(shell.url);
  withoutToken.search = '';
  await page.goto(withoutToken.toString());
  await expect(page.getByText(/token/i).first()).toBeVisible();
  await expect(page.getByTestId('host-card')).toHaveCount(0);
});
