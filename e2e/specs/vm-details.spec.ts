import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startWebShell, type WebShell } from '../fixtures/web-shell';
import { ConsolePage } from '../pages/console-page';

// A VM's full details on the demo fleet (its hosts answer through the same contract as real ones):
// disks, NICs with their address source, OS, uptime, the autostart toggle and the XML.
let shell: WebShell;
test.beforeEach(async () => {
  shell = await startWebShell({ demo: true });
});
test.afterEach(async () => {
  await shell.stop();
});

test("a VM's details: disks, addresses and their source, autostart, XML", async ({ page }) => {
  const app = new ConsolePage(page);
  await app.open(shell.url);
  await page.locator('[data-testid="vm-card"][data-state="running"]').first().click();
  const panel = page.getByTestId('details-panel');
  const details = panel.getByTestId('vm-full-details');
  await expect(details).toBeVisible();
  await expect(details.getByTestId('vm-disk').first()).toContainText(/vda.*virtio · qcow2/);
  await expect(details.getByTestId('vm-disk').first()).toContainText(/GiB capacity, .* allocated/);
  await expect(details.getByTestId('vm-os')).toHaveText('debian 12');
  // The demo stops a random VM now and then: this one may have been, and then says so.
  const running = (await details.getByTestId('vm-uptime').textContent()) !== 'not running';
  if (running) {
    await expect(details.getByTestId('vm-nic-addresses')).toHaveText(/^192\.168\.122\.\d+\/24$/);
    await expect(details.getByTestId('vm-address-source')).toHaveText(
      "From libvirt's DHCP leases.",
    );
    await expect(details.getByTestId('vm-uptime')).toHaveText(/^\d+ (h|d)/);
  } else {
    await expect(details.getByTestId('vm-address-source')).toHaveText(
      'No address: the VM is not running.',
    );
  }

  const toggle = details.getByTestId('vm-autostart');
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(toggle).toBeChecked();
  await expect(toggle).toBeEnabled();

  mkdirSync('artifacts/screenshots', { recursive: true });
  await details.screenshot({ path: 'artifacts/screenshots/vm-details.png' });
  await details.getByTestId('vm-xml').locator('summary').click();
  await expect(details.locator('.xml-text')).toContainText("<disk type='file' device='disk'>");
  await panel.screenshot({ path: 'artifacts/screenshots/vm-details-xml.png' });
});

test('a VM of no service is marked to restart on another host; a service VM says it is covered', async ({
  page,
}) => {
  const app = new ConsolePage(page);
  await app.open(shell.url);
  const panel = page.getByTestId('details-panel');
  const details = panel.getByTestId('vm-full-details');
  const cards = page.locator('[data-testid="vm-card"]');
  await expect(cards.first()).toBeVisible();
  mkdirSync('assets', { recursive: true });
  let sawService = false;
  let loose: number | undefined;
  for (
    let i = 0;
    i < Math.min(await cards.count(), 30) && (!sawService || loose === undefined);
    i++
  ) {
    await cards.nth(i).click();
    await expect(
      details.getByTestId('vm-ha').or(details.getByTestId('vm-ha-service')),
    ).toBeVisible();
    if (await details.getByTestId('vm-ha-service').isVisible()) {
      if (!sawService) await details.screenshot({ path: 'assets/screenshot-vm-ha-service.png' });
      sawService = true;
    } else loose ??= i;
  }
  expect(sawService).toBe(true);
  expect(loose).toBeDefined();
  await cards.nth(loose!).click();
  const ha = details.getByTestId('vm-ha-switch');
  await expect(ha).toBeEnabled();
  await expect(ha).not.toBeChecked();
  await ha.check();
  await expect(ha).toBeChecked();
  await expect(ha).toBeEnabled();
  await expect(details.getByTestId('vm-ha')).toContainText('disks local to its host cannot');
  await details.screenshot({ path: 'assets/screenshot-vm-ha.png' });
});
