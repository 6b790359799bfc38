import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startWebShell, type WebShell } from '../fixtures/web-shell';
import { ConsolePage } from '../pages/console-page';
import { SettingsPage } from '../pages/settings-page';

// Settings, themes and shortcuts on the demo fleet: no lab needed.
let shell: WebShell;
test.beforeEach(async () => {
  shell = await startWebShell({ demo: true });
});
test.afterEach(async () => {
  await shell.stop();
});

test('a new CPU overcommit changes the free vCPUs on the host cards at once, and stays', async ({
  page,
}) => {
  const app = new ConsolePage(page);
  await app.open(shell.url);
  const room = app.hostCard('demo-hv01').getByTestId('cpu-room');
  await expect(room).toHaveText(/ of \d+ vCPUs free · \d+ cores × 4 overcommit$/);
  const cores = Number(/(\d+) cores/.exec((await room.textContent()) ?? '')?.[1]);
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.setNumber('cpuOvercommit', '40');
  await settings.save();
  await expect(settings.fieldError('cpuOvercommit')).toHaveText('Must be a number from 1 to 16');
  await settings.setNumber('cpuOvercommit', '2');
  await settings.save();
  await expect(settings.dialog()).toBeHidden();
  await expect(room).toHaveText(
    new RegExp(` of ${cores * 2} vCPUs free · ${cores} cores × 2 overcommit$`),
  );
  // Stored by the core: a reload reads it back.
  await page.reload();
  await expect(room).toHaveText(/cores × 2 overcommit$/);
});

test('the theme follows the system, then the choice, kept across a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const app = new ConsolePage(page);
  await app.open(shell.url);
  const settings = new SettingsPage(page);
  expect(await settings.theme()).toBe('dark');
  await settings.open();
  await settings.chooseTheme('light');
  expect(await settings.theme()).toBe('light');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe('rgb(238, 241, 244)');
  await page.reload();
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
  expect(await settings.theme()).toBe('light');
  await settings.open();
  await settings.chooseTheme('dark');
  expect(await background()).toBe('rgb(13, 17, 23)');
});

test('? lists the keyboard shortcuts; About shows the version', async ({ page }) => {
  const app = new ConsolePage(page);
  await app.open(shell.url);
  await page.keyboard.press('?');
  const settings = new SettingsPage(page);
  await expect(settings.shortcuts()).toBeVisible();
  await expect(settings.shortcuts()).toContainText('Undo the last move');
  await expect(settings.shortcuts()).toContainText('Show this list of shortcuts');
  await page.keyboard.press('Escape');
  await expect(settings.shortcuts()).toBeHidden();
  await page.getByTestId('about-button').click();
  await expect(page.getByTestId('about-version')).toHaveText(/^\d+\.\d+\.\d+/);
});

test('screenshots of both themes on the demo fleet', async ({ page }) => {
  mkdirSync('artifacts/screenshots', { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const app = new ConsolePage(page);
    await app.open(shell.url);
    await expect(app.hostCards().first().getByTestId('cpu-room')).toBeVisible();
    await page.screenshot({ path: `artifacts/screenshots/theme-${theme}.png` });
  }
});
