import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startWebShell, type WebShell } from '../fixtures/web-shell';
import { ConsolePage } from '../pages/console-page';

// The event log on the demo fleet: a VM forced off is a line with its host and VM, bursts of host
// lines are one row that opens, filters narrow by severity, host and text, and the view exports.
let shell: WebShell;
test.beforeEach(async () => {
  shell = await startWebShell({ demo: true });
});
test.afterEach(async () => {
  await shell.stop();
});

test('a demo VM forced off is said in the log; bursts open; filters narrow; CSV exports', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const app = new ConsolePage(page);
  await app.open(shell.url);
  await app.openEventLog();
  const log = page.getByTestId('event-log');

  // The demo hosts connecting at start: one row, opened to its members.
  const burst = log.getByTestId('log-burst').filter({ hasText: /\d+ hosts connected/ });
  await expect(burst).toHaveCount(1, { timeout: 15_000 });
  await burst.getByRole('button', { name: /hosts connected/ }).click();
  await expect(burst.getByTestId('log-entry').first()).toContainText(/demo-hv\d+: connected/);

  // Force a running VM off from its details.
  const card = page.locator('[data-testid="vm-card"][data-state="running"]').first();
  const vmName = (await card.getAttribute('data-vm-name')) ?? '';
  const hostName = await card
    .locator('xpath=ancestor::*[@data-testid="host-card"]')
    .getAttribute('data-host-name');
  await card.click();
  await page.getByTestId('vm-action-destroy').click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Force off' }).click();
  const line = log
    .getByTestId('log-entry')
    .filter({ hasText: `${hostName}: ${vmName} was forced off` });
  await expect(line).toHaveCount(1);

  // Text search finds it alone; the host filter keeps it; warnings-only hides it.
  await log.getByLabel('Search the event log').fill(vmName);
  await expect(log.getByTestId('log-entry').filter({ hasText: 'was forced off' })).toHaveCount(1);
  await log.getByLabel('Host').selectOption({ label: hostName ?? '' });
  await expect(line).toHaveCount(1);
  mkdirSync('artifacts/screenshots', { recursive: true });
  const download = page.waitForEvent('download');
  await log.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await download).path()) ?? '', 'utf8');
  expect(csv.split('\r\n')[0]).toBe('time,level,category,kind,host,vm,service,message,detail');
  expect(csv).toContain(`,vm,destroyed,${hostName},${vmName},`);
  await log.getByLabel('Severity').selectOption('problems');
  await expect(line).toHaveCount(0);
  await log.getByRole('button', { name: 'Clear filters' }).click();
  await expect(line).toHaveCount(1);

  await page.screenshot({ path: 'artifacts/screenshots/event-log.png' });
  await page.screenshot({ path: 'assets/screenshot-event-log.png' });
});
