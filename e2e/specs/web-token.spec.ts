import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ConsolePage } from '../pages/console-page';
import { startWebShell, type WebShell } from '../fixtures/web-shell';

// A page with a stale token and a console that went away look alike to a browser unless the
// console says which: the first must say what to do and stop, the second must keep trying.
let shell: WebShell | undefined;
test.afterEach(async () => {
  await shell?.stop();
  shell = undefined;
});

test('a stale token is named as such, and the page stops trying', async ({ page }) => {
  shell = await startWebShell({ demo: true });
  const stale = new URL(shell.url);
  stale.searchParams.set('token', 'from-an-earlier-run');
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.clock.install(); // to run a minute of backoff timers at once, rather than wait
  await page.goto(stale.toString());
  await expect(page.getByTestId('token-rejected')).toContainText(
    'This page’s access token is not valid: open the URL printed by npm run web again (the token changes with every run).',
  );
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  await expect(page.getByTestId('host-card')).toHaveCount(0);
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/token-rejected.png' });
  // No retry loop: a minute of the page's timers (backoff 0.5 to 8 s) opens no second socket.
  await page.clock.runFor(60_000);
  await page.evaluate(() => 0); // one round trip: any socket opened by now has been reported
  expect(sockets).toHaveLength(1);
});

test('a console that stops gets the reconnect banner, not the token page', async ({ page }) => {
  shell = await startWebShell({ demo: true });
  const app = new ConsolePage(page);
  await app.open(shell.url);
  await expect(app.hostCards().first()).toBeVisible();
  await shell.stop();
  shell = undefined;
  await expect(page.getByTestId('connection-banner')).toContainText(
    'Lost the connection to the console. Reconnecting',
  );
  await expect(page.getByTestId('token-rejected')).toHaveCount(0);
});
