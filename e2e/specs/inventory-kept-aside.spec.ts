import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ConsolePage } from '../pages/console-page';
import { startWebShell, type WebShell } from '../fixtures/web-shell';

// An inventory.db that cannot be used must not look like a first run: the file is kept aside and
// the window says so, where it is and what to do, above the topology. Demo fleet only, no lab.
let dataDir: string;
let shell: WebShell | undefined;
test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-e2e-kept-'));
});
test.afterEach(async () => {
  await shell?.stop();
  shell = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

const keptFile = (): string => {
  const kept = readdirSync(dataDir).filter((name) => name.startsWith('inventory.db.corrupt-'));
  expect(kept).toHaveLength(1);
  return join(dataDir, kept[0]!);
};

test('a damaged inventory: the notice names the kept file and what to do, until dismissed', async ({
  page,
}) => {
  writeFileSync(join(dataDir, 'inventory.db'), 'SQLite format 3\0 but then garbage '.repeat(300));
  shell = await startWebShell({ demo: true, dataDir });
  const app = new ConsolePage(page);
  await app.open(shell.url);
  const notice = app.inventoryNotice();
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Your inventory was damaged');
  await expect(notice).toContainText(`the old file is kept as ${keptFile()}`);
  await expect(notice).toContainText(
    `copy a backup of your inventory to ${join(dataDir, 'inventory.db')}`,
  );
  await expect(app.demoBanner()).toBeVisible(); // the fresh inventory has no hosts: the demo shows
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/inventory-kept-aside.png' });

  await notice.getByTestId('inventory-notice-dismiss').click();
  await expect(notice).toBeHidden();
  await page.reload();
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
  await expect(app.demoBanner()).toBeVisible();
  await expect(notice).toBeHidden();
  expect(statSync(keptFile()).size).toBeGreaterThan(0); // dismissing deletes nothing
});

test('a zero-byte inventory: kept aside, not written over, and the notice says it was empty', async ({
  page,
}) => {
  writeFileSync(join(dataDir, 'inventory.db'), '');
  shell = await startWebShell({ demo: true, dataDir });
  const app = new ConsolePage(page);
  await app.open(shell.url);
  await expect(app.inventoryNotice()).toContainText('Your inventory was empty (0 bytes)');
  await expect(app.inventoryNotice()).toContainText(`kept as ${keptFile()}`);
  expect(statSync(keptFile()).size).toBe(0);
  expect(shell.output.join('\n')).toMatch(/inventory .* is empty \(0 bytes\)/);
});
