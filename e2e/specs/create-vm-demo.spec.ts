import { mkdirSync } from 'node:fs';
import { expect, test } from '../fixtures/test';

// The New VM wizard and Clone on the demo fleet (its hosts keep pools and volumes in memory and
// answer through the same contract as real ones), for exploring without a lab; the lab spec
// (create-vm.spec.ts) is the proof on real hosts.

test('New VM on the demo: the engine places it, the review says where and why; Clone copies a shut-off VM', async ({
  page,
  openConsole,
}) => {
  test.setTimeout(180_000);
  const { app } = await openConsole({ demo: true });
  const panel = await app.selectHost('demo-hv01');
  await panel.getByTestId('host-action-new-vm').click();
  const wizard = page.getByTestId('new-vm-dialog');
  await wizard.getByTestId('new-vm-name').fill('web 3 "canary"');
  await wizard.getByTestId('new-vm-host').selectOption({ value: '' });
  await wizard.getByTestId('new-vm-memory').fill('1024');
  await wizard.getByTestId('new-vm-size').fill('20480');
  await expect(wizard.getByTestId('new-vm-network')).toHaveValue('net:default');
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/create-vm-wizard-demo.png' });
  await wizard.getByTestId('new-vm-review').click();
  const review = page.getByTestId('plan-review');
  await expect(review).toContainText('Create VM web 3 "canary"');
  await expect(review).toContainText('A new 20.0 GiB qcow2 volume “web 3 "canary".qcow2”');
  await expect(review.getByTestId('review-table')).toBeVisible();
  await page.screenshot({ path: 'artifacts/screenshots/create-vm-review-demo.png' });
  await review.getByTestId('approve-plan').click();
  await expect(review).toBeHidden();
  await expect(app.vmCard('web 3 "canary"')).toHaveAttribute('data-state', 'running');

  // Clone: only a shut-off VM; the review lists the disk copied.
  const card = app.vmCard('web 3 "canary"');
  await card.click();
  const details = page.getByTestId('details-panel');
  await expect(details.getByTestId('clone-vm')).toBeDisabled();
  await details.getByTestId('vm-action-destroy').click();
  await page.getByTestId('confirm-dialog').getByTestId('confirm-button').click();
  await expect(card).toHaveAttribute('data-state', 'shutoff');
  await details.getByTestId('clone-vm').click();
  await details.getByTestId('clone-name').fill('web 3 "canary"');
  await expect(details.getByTestId('clone-name-error')).toContainText('already has a VM named');
  await details.getByTestId('clone-name').fill('web 4');
  await details.getByTestId('clone-review').click();
  await expect(review).toContainText('Clone web 3 "canary" as web 4');
  await expect(review).toContainText('Volume “web 3 "canary".qcow2” is copied to “web 4.qcow2”');
  await review.getByTestId('approve-plan').click();
  await expect(app.vmCard('web 4')).toHaveAttribute('data-state', 'shutoff');
});
