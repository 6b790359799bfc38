import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startWebShell, type WebShell } from '../fixtures/web-shell';
import { ConsolePage } from '../pages/console-page';

// Utilisation on the cards, from the demo fleet's samples (the same pipeline as real hosts).
let shell: WebShell;
test.beforeEach(async () => {
  shell = await startWebShell({ demo: true });
});
test.afterEach(async () => {
  await shell.stop();
});

test('host and VM cards show CPU and memory in use, and what is promised against capacity', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const app = new ConsolePage(page);
  await app.open(shell.url);
  const host = app.hostCard('demo-hv01');
  // The first rates come from the second sample, a couple of seconds after connecting.
  await expect(host.getByTestId('usage-cpu')).toContainText(/\d+(\.\d)? %/, { timeout: 15_000 });
  await expect(host.getByTestId('usage-memory')).toContainText(/ of \d+(\.\d)? GiB/);
  await expect(host.getByTestId('cpu-room')).toContainText(/cores × 4 overcommit$/);
  await expect(host.getByTestId('alloc-memory')).toContainText(/× 1 overcommit$/);
  const vmUsage = host.getByTestId('vm-usage').first();
  await expect(vmUsage).toContainText(/CPU\s*\d+(\.\d)? %/);
  await expect(vmUsage).toContainText(/Mem\s*\d/);
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/utilisation.png' });
});
