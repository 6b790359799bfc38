import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startWebShell, type WebShell } from '../fixtures/web-shell';
import { ConsolePage } from '../pages/console-page';

// Snapshots on the demo fleet (in memory, through the same contract as a real host): take one
// through a reviewed plan, see it current in the tree, revert to its parent through another.
let shell: WebShell;
test.beforeEach(async () => {
  shell = await startWebShell({ demo: true });
});
test.afterEach(async () => {
  await shell.stop();
});

test('take a snapshot and revert, each a reviewed plan; the tree marks the current one', async ({
  page,
}) => {
  const app = new ConsolePage(page);
  await app.open(shell.url);
  await page.locator('[data-testid="vm-card"][data-state="running"]').first().click();
  const section = page.getByTestId('details-panel').getByTestId('vm-snapshots');
  await expect(section).toBeVisible();
  await section.getByTestId('snapshot-take').click();
  await section.getByTestId('snapshot-name').fill('bad/name');
  await expect(section.getByTestId('snapshot-review')).toBeDisabled();
  await section.getByTestId('snapshot-name').fill("before it's patched");
  await section.getByTestId('snapshot-description').fill('kernel 6.1 → 6.12');
  await section.getByTestId('snapshot-review').click();
  const review = page.getByTestId('plan-review');
  await expect(review).toContainText("Take snapshot “before it's patched”");
  await expect(review).toContainText(/disks and memory/);
  await review.getByTestId('approve-plan').click();
  await expect(review).toBeHidden();
  const taken = section.locator('[data-testid="snapshot"][data-name="before it\'s patched"]');
  await expect(taken.getByTestId('snapshot-current')).toBeVisible();
  await expect(taken).toContainText('with memory');

  await taken.getByTestId('snapshot-revert').click();
  await expect(review).toContainText(/Reverting loses every change made to .* since/);
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/snapshot-revert-review.png' });
  await review.getByTestId('approve-plan').click();
  await expect(review).toBeHidden();
  await expect(taken.getByTestId('snapshot-current')).toBeVisible();
  await section.screenshot({ path: 'artifacts/screenshots/snapshots.png' });
});
