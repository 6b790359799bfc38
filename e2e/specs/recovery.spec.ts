import { mkdirSync } from 'node:fs';
import { expect, test } from '../fixtures/test';
import { ServicesPage } from '../pages/services-page';

// "Recover VMs…" on the demo fleet (no lab): a demo host cut off from the console alone is refused
// with why; the same host down for everyone shows the plan, what stays and the gate shut until the
// admin types its name; approved, its service VMs run on other hosts, each once, and the plan's
// progress is in the Plans panel. A screenshot of each state is kept in assets/.

const HOST = 'demo-hv03';
const SHOT = (name: string) => `assets/screenshot-recovery-${name}.png`;
test.beforeEach(() => mkdirSync('assets', { recursive: true }));

test('recovery on the demo: a partition refused, a failed host recovered once its name is typed', async ({
  page,
  openConsole,
}) => {
  const { app } = await openConsole({ demo: true });
  const card = app.hostCard(HOST);
  await expect(card).toHaveAttribute('data-state', 'connected');
  await expect(card.getByTestId('recover-vms-card')).toHaveCount(0);
  const restartable = await card
    .locator('[data-testid="vm-card"][data-vm-name^="demo-shop-"]')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-vm-name') ?? ''));
  expect(restartable.sort()).toEqual(['demo-shop-api-1', 'demo-shop-web-2']);

  // A partition: the console alone is cut off; the action is there, and refuses with why.
  const panel = await app.selectHost(HOST);
  await panel.getByTestId('demo-outage-partition').click();
  await expect(card.getByTestId('host-witness')).toHaveAttribute('data-verdict', 'partition');
  await card.getByTestId('recover-vms-card').click();
  const dialog = page.getByTestId('recovery-dialog');
  await expect(dialog.getByTestId('recovery-refusal')).toHaveText(
    `Refused: ${HOST} is unreachable from this console but alive for its peers (a partition); its VMs are probably still running, and starting them elsewhere would run them twice`,
  );
  await expect(dialog.getByTestId('recovery-approve')).toBeDisabled();
  await expect(dialog.getByTestId('recovery-confirm-name')).toHaveCount(0);
  await page.screenshot({ path: SHOT('partition') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Back, then down for everyone: witnessed down, not known off.
  await panel.getByTestId('demo-outage-none').click();
  await expect(card).toHaveAttribute('data-state', 'connected');
  await panel.getByTestId('demo-outage-down').click();
  await expect(card.getByTestId('host-witness')).toHaveAttribute(
    'data-verdict',
    'unreachable-from-all',
  );
  await panel.getByTestId('recover-vms-details').click();
  await expect(dialog.getByTestId('recovery-body')).toHaveAttribute('data-blocked', 'not-fenced');
  await expect(dialog.getByTestId('recovery-down')).toHaveAttribute('data-ok', 'true');
  await expect(dialog.getByTestId('recovery-off')).toContainText(
    `${HOST}'s BMC says: power on; its VMs may still be running`,
  );
  const rows = dialog.getByTestId('review-row');
  await expect(rows).toHaveCount(2);
  expect(
    (await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-vm-name')))).sort(),
  ).toEqual(restartable);
  await expect(dialog.getByTestId('review-reason').first()).not.toBeEmpty();
  await expect(dialog.getByTestId('recovery-left-out')).toContainText(
    'is not part of a service and not marked to restart on another host',
  );
  // Its simulated BMC offers fencing; the admin's word is the other way through.
  await expect(dialog.getByTestId('recovery-fence')).toHaveCount(1);
  const approve = dialog.getByTestId('recovery-approve');
  await expect(approve).toBeDisabled();
  await dialog.getByTestId('recovery-confirm-name').fill('demo-hv3');
  await expect(approve).toBeDisabled();
  await page.screenshot({ path: SHOT('review') });
  await dialog.getByTestId('recovery-confirm-name').fill(HOST);
  await expect(approve).toBeEnabled();
  await expect(approve).toHaveText('Approve: restart 2 VMs');
  await page.screenshot({ path: SHOT('confirmed') });
  await approve.click();
  await expect(dialog).toBeHidden();

  // The plan runs like every other: in the Plans panel, done; each VM running once, elsewhere.
  const plan = page.locator('[data-testid="side-panel"] [data-plan-kind="recovery"]');
  await expect(plan).toHaveAttribute('data-status', 'done');
  for (const name of restartable) {
    const running = page.locator(
      `[data-testid="vm-card"][data-vm-name="${name}"][data-state="running"]`,
    );
    await expect(running).toHaveCount(1);
    await expect(card.locator(`[data-testid="vm-card"][data-vm-name="${name}"]`)).toHaveAttribute(
      'data-state',
      'unknown',
    ); // the lost host's last listing, drawn unknown, not running
  }
  // Nothing left to recover: the action goes; its details say why its VMs have no power buttons.
  await expect(card.getByTestId('recover-vms-card')).toHaveCount(0);
  await expect(panel.getByTestId('recover-vms-details')).toHaveCount(0);
  await expect(panel.getByTestId('host-power-unavailable')).toContainText(
    `${HOST} is not connected, so its VMs cannot be started or stopped from here.`,
  );
  // What is true now, not "use Recover VMs…": where each VM runs, which stayed and why.
  const said = panel.getByTestId('host-power-unavailable');
  await expect(said).toContainText('Running on other hosts now: ');
  for (const name of restartable) await expect(said).toContainText(`${name} on demo-hv0`);
  await expect(said).toContainText(
    'not part of a service and not marked to restart on another host',
  );
  await expect(said).not.toContainText('use Recover VMs');
  await expect(card.getByTestId('host-fenced')).toHaveCount(0); // confirmed by name: no BMC off
  await page.screenshot({ path: SHOT('done') });
});

test('automatic recovery on the demo: its sample service opted in, a failed host is fenced through its BMC and its VMs restarted with no click', async ({
  page,
  openConsole,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // No grace period here (the console's default waits 300 s after start before fencing anything).
  const { app } = await openConsole({ demo: true, autoRecoveryGraceSeconds: 0 });
  const card = app.hostCard(HOST);
  await expect(card).toHaveAttribute('data-state', 'connected');
  const restartable = await card
    .locator('[data-testid="vm-card"][data-vm-name^="demo-shop-"]')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-vm-name') ?? ''));
  expect(restartable.length).toBeGreaterThan(0);

  // The setting, as the service's form shows it.
  const services = new ServicesPage(page);
  await services.open();
  await services.serviceRow('demo-shop').getByTestId('edit-service').click();
  await expect(services.editor().getByTestId('service-auto-recover')).toBeChecked();
  await page.screenshot({ path: SHOT('auto-setting') });
  await services.editor().getByRole('button', { name: 'Cancel' }).click();
  await expect(services.editor()).toBeHidden();

  const panel = await app.selectHost(HOST);
  await panel.getByTestId('demo-outage-down').click();
  await app.openEventLog();
  const plan = page.locator('[data-testid="side-panel"] [data-plan-kind="recovery"]');
  await expect(plan).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  for (const name of restartable) {
    await expect(
      page.locator(`[data-testid="vm-card"][data-vm-name="${name}"][data-state="running"]`),
    ).toHaveCount(1);
  }
  const said = app.eventLogLines().filter({ hasText: 'Automatic recovery: demo-hv03' });
  await expect(said.filter({ hasText: 'powering it off through its BMC' })).toHaveCount(1);
  await expect(
    said.filter({
      hasText: 'was powered off through its BMC, which now says: power off; restarting',
    }),
  ).toHaveCount(1);
  await expect(card.getByTestId('recover-vms-card')).toHaveCount(0);
  // The host's card and details say what happened to it and where its VMs went.
  await expect(card.getByTestId('host-fenced')).toHaveText(
    /^Powered off through its BMC at \d\d:\d\d:\d\d$/,
  );
  const details = panel.getByTestId('host-power-unavailable');
  await expect(details).toContainText(
    /It was powered off through its BMC at \d\d:\d\d:\d\d\. Running on other hosts now: /,
  );
  for (const name of restartable) await expect(details).toContainText(`${name} on demo-hv0`);
  await expect(details).not.toContainText('use Recover VMs');
  // The lost host's card in view (its top: the witnesses and the fencing) for the screenshot.
  await card.evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    // Below the sticky fleet summary, which would cover the card's name and state.
    let box = el.parentElement;
    while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
    box?.scrollBy(0, -110);
  });
  await expect(card.getByTestId('host-fenced')).toBeInViewport();
  await page.screenshot({ path: SHOT('auto-done') });
});
