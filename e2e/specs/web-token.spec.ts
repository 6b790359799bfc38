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
  expect(page.url()).not.toContain('from-an-earlier-run'); // out of the address bar, even wrong
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

test('the token leaves the address bar and the history after the first load; a reload still works', async ({
  page,
}) => {
  shell = await startWebShell({ demo: true });
  const token = new URL(shell.url).searchParams.get('token') ?? '';
  expect(token).not.toBe('');
  const app = new ConsolePage(page);
  const seen: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) seen.push(frame.url());
  });
  await app.open(shell.url);
  await expect(app.hostCards().first()).toBeVisible();
  const bare = `${new URL(shell.url).origin}/`;
  expect(page.url()).toBe(bare);

  await page.reload();
  await expect(app.hostCards().first()).toBeVisible();
  expect(page.url()).toBe(bare);

  // The tab's history: back to where it came from, forward to the console, which still works.
  expect(await page.evaluate(() => history.length)).toBe(2);
  await page.goBack();
  expect(page.url()).toBe('about:blank');
  await page.goForward();
  expect(page.url()).toBe(bare);
  await expect(app.hostCards().first()).toBeVisible();
  // The first navigation carried the token; every entry the tab kept since is without it.
  expect(seen[0]).toContain(token);
  expect(seen.slice(1).every((url) => !url.includes(token))).toBe(true);
  expect(await page.evaluate(() => location.href)).not.toContain(token);
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
