import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startWebShell, type WebShell } from '../fixtures/web-shell';

// The window's code loads in stages (renderer/main.tsx); a stage whose code does not arrive (the
// console restarted with a newer build, a dropped connection) must say so, not leave a blank page.
let shell: WebShell | undefined;
test.afterEach(async () => {
  await shell?.stop();
  shell = undefined;
});

test('a part of the window that does not load is said in words, with what to do', async ({
  page,
}) => {
  shell = await startWebShell({ demo: true });
  const refused: string[] = [];
  await page.route(/\/assets\/start-window-[^/]*\.js$/, (route) => {
    refused.push(route.request().url());
    return route.abort('connectionreset');
  });
  await page.goto(shell.url);
  const notice = page.getByTestId('start-failed');
  await expect(notice).toContainText('The window could not load its code.');
  await expect(notice).toContainText('Reload the window (Ctrl+R, or View → Reload;');
  expect(refused.length).toBeGreaterThan(0);
  await expect(page.getByTestId('host-card')).toHaveCount(0);
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/start-failed.png' });

  // The same page reloaded with its code there: the console as usual.
  await page.unroute(/\/assets\/start-window-[^/]*\.js$/);
  await page.reload();
  await expect(page.getByTestId('host-card').first()).toBeVisible();
});
