import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startWebShell, type WebShell } from '../fixtures/web-shell';
import { ConsolePage } from '../pages/console-page';

// Serial consoles in the window on the demo fleet (its VMs answer on a simulated serial line through
// the same contract, events and terminal as a real host's `virsh console`).
let shell: WebShell;
test.beforeEach(async () => {
  shell = await startWebShell({ demo: true });
});
test.afterEach(async () => {
  await shell.stop();
});

test('a serial console: type echo hello, read hello; two at once; close and reconnect', async ({
  page,
}) => {
  const app = new ConsolePage(page);
  await app.open(shell.url);
  const running = page.locator('[data-testid="vm-card"][data-state="running"]');
  await running.first().click();
  await page.getByTestId('open-console').click();
  const terminal = page.getByTestId('serial-terminal').first();
  await expect(terminal).toHaveAttribute('data-status', 'open');
  const rows = terminal.locator('.xterm-rows');
  await expect(rows).toContainText('/ #');
  await terminal.locator('.xterm').click();
  await page.keyboard.type('echo hello');
  await page.keyboard.press('Enter');
  await expect(rows.locator('div', { hasText: /^hello$/ })).toHaveCount(1);

  // A second VM's console in its own tab; the first keeps its screen.
  await running.nth(1).click();
  await page.getByTestId('open-console').click();
  await expect(page.getByTestId('console-tab')).toHaveCount(2);
  await expect(page.getByTestId('serial-terminal').nth(1)).toHaveAttribute('data-status', 'open');
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.getByTestId('console-tab').first().click();
  await expect(rows).toContainText('hello');
  await page.screenshot({ path: 'artifacts/screenshots/serial-console.png' });

  // Ctrl+] ends the console as virsh's escape does; Reconnect opens a new one.
  await terminal.locator('.xterm').click();
  await page.keyboard.press('Control+BracketRight');
  await expect(terminal).toHaveAttribute('data-status', 'ended');
  await terminal.getByTestId('console-reconnect').click();
  await expect(terminal).toHaveAttribute('data-status', 'open');
  await page.getByTestId('console-tab-close').first().click();
  await expect(page.getByTestId('console-tab')).toHaveCount(1);
});
