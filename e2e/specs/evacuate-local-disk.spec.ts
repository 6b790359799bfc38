import { mkdirSync } from 'node:fs';
import { expect, test } from '../fixtures/test';
import { MovePage } from '../pages/move-page';

// Maintenance on the demo fleet, whose VMs each have a local disk <name>.qcow2 in their host's
// pool `default`: a VM of the same name made with a new disk (New VM…) on another host puts a
// volume of the leaving VM's disk name in that host's pool, so the evacuation passes that host over
// for it (the copy would write over the volume), and the review says so in words.

test('an evacuation passes over the host whose pool already has a volume of a leaving VM’s disk name, and says why', async ({
  page,
  openConsole,
}) => {
  test.setTimeout(180_000);
  const { app } = await openConsole({ demo: true });
  const moves = new MovePage(page);
  const [source, other] = ['demo-hv01', 'demo-hv02'];
  const card = moves
    .hostCard(source)
    .locator('[data-testid="vm-card"][data-state="running"]')
    .first();
  await expect(card).toBeVisible({ timeout: 60_000 });
  const vmName = (await card.getAttribute('data-vm-name')) ?? '';

  // Its namesake with a new 16 MiB disk on demo-hv02: the volume <name>.qcow2 in that pool.
  const panel = await app.selectHost(other);
  await panel.getByTestId('host-action-new-vm').click();
  const wizard = page.getByTestId('new-vm-dialog');
  await wizard.getByTestId('new-vm-name').fill(vmName);
  await wizard.getByTestId('new-vm-memory').fill('64');
  await wizard.getByTestId('new-vm-size').fill('16');
  await wizard.getByTestId('new-vm-review').click();
  const review = page.getByTestId('plan-review');
  await expect(review).toContainText(`A new 16 MiB qcow2 volume “${vmName}.qcow2”`);
  await expect(review).toContainText(`on ${other}`);
  await review.getByTestId('approve-plan').click();
  await expect(review).toBeHidden();
  await expect(moves.hostCard(other).locator(`[data-vm-name="${vmName}"]`)).toBeVisible({
    timeout: 30_000,
  });
  await moves.closeDetails();

  await moves.toggleMaintenance(source);
  await expect(review).toBeVisible({ timeout: 30_000 });
  await expect(review.getByTestId('plan-warnings')).toContainText(
    `${other} was passed over for ${vmName}: ${other}'s pool default already has a volume named ${vmName}.qcow2 (a disk of ${vmName}, defined on ${other}): copying ${vmName}'s disk vda there would write over it`,
  );
  const row = review.locator(`[data-testid="review-row"][data-vm-name="${vmName}"]`);
  await expect(row).toHaveCount(1);
  const otherId = (await moves.hostCard(other).getAttribute('data-host-id')) ?? '';
  expect(await row.getAttribute('data-host-id')).not.toBe(otherId);
  mkdirSync('assets', { recursive: true });
  await review.screenshot({ path: 'assets/screenshot-evacuation-passed-over.png' });
  await review.getByTestId('discard-plan').click();
  await expect(review).toBeHidden();
});
