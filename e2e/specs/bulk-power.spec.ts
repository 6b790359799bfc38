import { mkdirSync } from 'node:fs';
import { expect, test } from '../fixtures/test';

// Bulk power on a label group, as an admin does it in the VM table: group the VMs by zone, pick a
// whole zone with its header's "Select" button, pause them through a reviewed plan, resume them.
// The demo fleet through the web shell; the real path of the same plan is bulk-power.lab.test.ts.

test('the VM table picks a zone’s VMs at once; pause and resume them as reviewed plans', async ({
  page,
  openConsole,
}) => {
  const { app } = await openConsole({ demo: true });
  await expect(app.hostCards().first()).toBeVisible();
  await page.getByTestId('view-vm-table').click();
  await page.getByTestId('table-group-by').selectOption('zone');
  const table = page.getByTestId('vm-table');
  const zoneA = table.locator('[data-testid="table-group"][data-group="zone-a"]');
  await expect(zoneA).toBeVisible();
  // Zone a is demo-hv01 and demo-hv03. The demo's VMs start and stop now and then on their own,
  // but never a paused one: so the paused count moves only by these plans.
  const inZone = table.getByTestId('vm-row').filter({ hasText: /demo-hv0[13]/ });
  const pausedRows = inZone.filter({ hasText: 'Paused' });
  const pausedBefore = await pausedRows.count();

  await zoneA.getByTestId('group-pick').click();
  const picked = page.getByTestId('picked-count');
  await expect(picked).toContainText(/\d+ VMs selected/);
  const pickedCount = Number((await picked.textContent())?.match(/(\d+) VMs/)?.[1] ?? -1);
  await expect(inZone).toHaveCount(pickedCount);
  await expect(table.locator('[data-testid="vm-row"][aria-selected="true"]')).toHaveCount(
    pickedCount,
  );
  // Each button counts the picked VMs it fits: Pause only the running ones.
  const pause = picked.getByTestId('power-pause');
  await expect(pause).toHaveText(/^Pause \(\d+\)$/);
  const toPause = Number((await pause.textContent())?.match(/\d+/)?.[0]);
  expect(toPause).toBeGreaterThan(1);
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/bulk-power-zone.png' });

  await pause.click();
  const review = page.getByTestId('plan-review');
  await expect(review).toBeVisible();
  await expect(review).toContainText(/(\d+) VMs will be paused/);
  const planned = Number((await review.textContent())?.match(/(\d+) VMs will be paused/)?.[1]);
  expect(Math.abs(planned - toPause)).toBeLessThanOrEqual(1); // a demo flip in between, at most
  // Nothing is paused before the admin approves.
  await expect(pausedRows).toHaveCount(pausedBefore);
  await review.getByTestId('approve-plan').click();
  await expect(review).toBeHidden();
  // The plan's end, in the log. The demo may shut a VM off between the review and its step (CI
  // saw it once): that VM alone fails, named in the log, and the plan goes on with the others.
  const ended = app
    .eventLogLines()
    .filter({ hasText: /Plan “Pause \d+ VMs” (done|failed)/ })
    .first();
  await expect(ended).toBeVisible({ timeout: 30_000 });
  const endLine = (await ended.textContent()) ?? '';
  const flipped = endLine.includes('failed') ? 1 : 0;
  if (flipped) expect(endLine).toMatch(/failed: Couldn't pause .+ is shut off/);
  await expect(pausedRows).toHaveCount(pausedBefore + planned - flipped, { timeout: 30_000 });
  await page.screenshot({ path: 'artifacts/screenshots/bulk-power-paused.png' });

  // The same pick resumes them, and any the demo had paused already: Resume counts the paused.
  const resume = picked.getByTestId('power-resume');
  await expect(resume).toHaveText(`Resume (${pausedBefore + planned - flipped})`);
  await resume.click();
  await expect(review).toBeVisible();
  await review.getByTestId('approve-plan').click();
  await expect(pausedRows).toHaveCount(0, { timeout: 30_000 });
});
