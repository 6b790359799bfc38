import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startWebShell, type WebShell } from '../fixtures/web-shell';
import { ConsolePage } from '../pages/console-page';

// A host's storage pools and networks on the demo fleet (its hosts answer through the same
// contract as real ones): each pool's state, path, free space and meter; each network.
let shell: WebShell;
test.beforeEach(async () => {
  shell = await startWebShell({ demo: true });
});
test.afterEach(async () => {
  await shell.stop();
});

test("a host's details: its storage pools and networks", async ({ page }) => {
  const app = new ConsolePage(page);
  await app.open(shell.url);
  const name = (await app.hostCards().first().getAttribute('data-host-name')) ?? '';
  const panel = await app.selectHost(name);
  const storage = panel.getByTestId('host-storage');
  await storage.scrollIntoViewIfNeeded();
  const pool = storage.locator('[data-testid="host-pool"][data-pool="default"]');
  await expect(pool).toContainText('dir · active · autostart');
  await expect(pool).toContainText('/var/lib/libvirt/images');
  await expect(pool).toContainText(
    /[\d.]+ (GiB|TiB) free of [\d.]+ (GiB|TiB) \([\d.]+ (GiB|TiB) allocated\)/,
  );
  await expect(pool.getByRole('meter')).toHaveAttribute('aria-label', /^default \d+% full$/);
  await expect(
    storage.locator('[data-testid="host-network"][data-network="default"]'),
  ).toContainText('nat · bridge virbr0 · 192.168.122.1/24 · active · autostart');
  mkdirSync('artifacts/screenshots', { recursive: true });
  await storage.screenshot({ path: 'artifacts/screenshots/host-storage.png' });
});
