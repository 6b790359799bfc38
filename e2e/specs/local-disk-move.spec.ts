import { mkdirSync } from 'node:fs';
import { expect, test } from '../fixtures/test';
import { MovePage } from '../pages/move-page';

// A move on the demo fleet, whose VMs have a local qcow2 disk each (vda, in the host's `default`
// pool) as on hosts without shared storage: the review says the disk is copied, how big and into
// which pool, and so does its step, and that the source's copy is removed after; the VM arrives. Then a shut-off VM, whose
// disk only a live migration would copy, is refused in words.

test('the move review says which disk is copied and how big; a shut-off VM with a local disk is refused in words', async ({
  page,
  openConsole,
}) => {
  await openConsole({ demo: true });
  const moves = new MovePage(page);
  const { vmName } = await moves.openMoveTo('running');
  await page.keyboard.press('Enter');
  const review = page.getByTestId('plan-review');
  await expect(review).toBeVisible();
  const row = review.locator(`[data-testid="review-row"][data-vm-name="${vmName}"]`);
  await expect(row.getByTestId('review-disk-copy')).toHaveText(
    /^copies disk vda \([\d.]+ GiB\) into pool default$/,
  );
  await expect(row.getByTestId('review-move-kind')).toContainText('live (keeps running)');
  await expect(review).toContainText(/\(live, copies disk vda \([\d.]+ GiB\) into pool default\)/);
  // The source's copy goes after the move, so the VM can move back (the review says so).
  await expect(review).toContainText(/Remove \S+'s copy of vda after the move \(volume “/);
  mkdirSync('assets', { recursive: true });
  await review.screenshot({ path: 'assets/screenshot-disk-copy-review.png' });
  const targetId = (await row.getAttribute('data-host-id')) ?? '';
  await review.getByTestId('approve-plan').click();
  await expect(review).toBeHidden();
  // It arrives: its card under the host the review named.
  await expect(
    page.locator(
      `[data-testid="host-card"][data-host-id="${targetId}"] [data-testid="vm-card"][data-vm-name="${vmName}"]`,
    ),
  ).toHaveCount(1, { timeout: 30_000 });

  const { vmName: offName } = await moves.openMoveTo('shutoff');
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Couldn't move ${offName} to`).first()).toBeVisible();
  await expect(
    page.getByText(/libvirt copies disks only in a live migration/).first(),
  ).toBeVisible();
  await page.screenshot({ path: 'artifacts/screenshots/disk-cold-refused.png' });
});
