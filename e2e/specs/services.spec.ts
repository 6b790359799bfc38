import { copyFileSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { expect, test } from '../fixtures/test';
import {
  domainsNamed,
  labHost,
  readLab,
  removeDomainsNamed,
  virsh,
  type LabHost,
} from '../fixtures/lab';
import { ServicesPage } from '../pages/services-page';

// A service made in the forms, deployed on the lab's three real hosts, reviewed, run, seen healthy
// and marked on the topology, checked with virsh, then deleted through the window.
const lab = readLab();
const hosts = [labHost(lab, 1), labHost(lab, 2), labHost(lab, 3)];
const PREFIX = 'e2e-shop-';

/** Domains of this spec on a host, whatever state they are in. */
const ours = (host: LabHost): string[] => domainsNamed(host, PREFIX);

/** Whatever the outcome, no e2e-shop- domain stays on any host. */
const removeOurs = (): void => removeDomainsNamed(hosts, PREFIX);

test.beforeAll(removeOurs);
test.afterEach(removeOurs);
// Again once the test's console is stopped: a plan it was still running can no longer define one.
test.afterAll(removeOurs);

test('a service made in the forms deploys on the lab, runs healthy, and is deleted', async ({
  page,
  openConsole,
}) => {
  // The lab's test guests ignore ACPI: each shutdown of the delete plan waits out its grace period.
  test.setTimeout(240_000);
  const { app } = await openConsole();
  for (const host of hosts) {
    await app.addLabHost(host, lab.clientKey);
    await app.trustPresentedKey(host.hostKeyFingerprint);
    await expect(app.hostCard(host.address)).toHaveAttribute('data-state', 'connected');
  }

  const services = new ServicesPage(page);
  const name = `${PREFIX}${randomBytes(3).toString('hex')}`;
  await services.open();
  await services.createService({
    name,
    apps: [
      {
        name: 'web',
        replicas: 2,
        memoryMiB: 64,
        spread: { across: 'host', strength: 'hard' },
        dependsOn: ['db'],
      },
      { name: 'api', memoryMiB: 64, dependsOn: ['db'] },
      { name: 'db', memoryMiB: 64 },
    ],
  });
  const row = services.serviceRow(name);
  await expect(row).toHaveAttribute('data-health', 'not-deployed');

  // Deploy: the review names four VMs, each with the engine's reason.
  await row.getByTestId('deploy-button').click();
  const review = services.review();
  await expect(review).toBeVisible();
  const reviewRows = review.getByTestId('review-row');
  await expect(reviewRows).toHaveCount(4);
  const vmNames = (
    await reviewRows.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.vmName ?? ''))
  ).sort();
  expect(vmNames).toEqual([`${name}-api-1`, `${name}-db-1`, `${name}-web-1`, `${name}-web-2`]);
  for (const reason of await review.getByTestId('review-reason').allTextContents())
    expect(reason.trim()).not.toBe('');
  await expect(
    review
      .getByTestId('plan-step')
      .filter({ hasText: `${name}-db-1 is running` })
      .first(),
  ).toBeVisible();
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/services-review.png' });
  await review.getByTestId('approve-plan').click();
  await expect(review).toBeHidden();

  // The plan runs in the Plans panel: every step turns done.
  const plan = services.planRow('deploy');
  await expect(plan).toBeVisible();
  await expect(plan).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  const statuses = await plan
    .getByTestId('plan-step')
    .evaluateAll((steps) => steps.map((s) => (s as HTMLElement).dataset.status));
  expect(statuses.length).toBeGreaterThanOrEqual(8);
  expect(new Set(statuses)).toEqual(new Set(['done']));

  // Healthy on the panel, its four VMs marked on the topology and highlighted with the row.
  await expect(row).toHaveAttribute('data-health', 'healthy', { timeout: 30_000 });
  const serviceId = (await row.getAttribute('data-service-id')) ?? '';
  const cards = services.serviceVmCards(serviceId);
  await expect(cards).toHaveCount(4);
  await expect(cards.getByTestId('service-mark').first()).toHaveText(name);
  await row.hover();
  await expect(
    page.locator(
      `[data-testid="vm-card"][data-service-id="${serviceId}"][data-highlighted="true"]`,
    ),
  ).toHaveCount(4);

  // The hosts agree: four domains, running, web-1 and web-2 on different hosts.
  const where = new Map<string, string>();
  for (const host of hosts) for (const domain of ours(host)) where.set(domain, host.name);
  expect([...where.keys()].sort()).toEqual(vmNames);
  for (const vm of vmNames) {
    const host = hosts.find((h) => h.name === where.get(vm))!;
    expect(virsh(host, 'domstate', vm).trim()).toBe('running');
  }
  expect(where.get(`${name}-web-1`)).not.toBe(where.get(`${name}-web-2`));

  // The last host added is still selected: close its details so the topology has the room.
  await page.getByRole('button', { name: 'Close details' }).click();
  await row.hover();
  mkdirSync('artifacts', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshot-services.png' });
  copyFileSync('artifacts/screenshot-services.png', 'assets/screenshot-services.png');

  // One VM destroyed out of band (virsh on its host, not the console): the window says degraded,
  // and why, as soon as the host reports it; the card shows it shut off.
  const web2 = `${name}-web-2`;
  const web2Host = hosts.find((h) => h.name === where.get(web2))!;
  virsh(web2Host, 'destroy', web2);
  const destroyed = Date.now();
  await expect(row).toHaveAttribute('data-health', 'degraded', { timeout: 10_000 });
  const seen = Date.now() - destroyed;
  await expect(row.getByTestId('health-reasons')).toContainText(web2);
  await expect(page.locator(`[data-testid="vm-card"][data-vm-name="${web2}"]`)).toHaveAttribute(
    'data-state',
    'shutoff',
  );
  // On the topology too: web-2's service mark turns into a warning, the running VMs' marks do not.
  await expect(
    page.locator(`[data-testid="vm-card"][data-vm-name="${web2}"] [data-testid="service-mark"]`),
  ).toHaveAttribute('data-holds-back', 'true');
  await expect(page.locator('[data-testid="service-mark"][data-holds-back="true"]')).toHaveCount(1);
  process.stdout.write(
    `MEASURED out-of-band destroy → service degraded in the window: ${seen} ms after virsh returned\n`,
  );
  await page.screenshot({ path: 'artifacts/screenshots/service-degraded.png' });
  copyFileSync(
    'artifacts/screenshots/service-degraded.png',
    'assets/screenshot-service-degraded.png',
  );

  // Delete through the window: the confirmation names the four VMs, then they go from every host.
  await row.getByTestId('delete-service').click();
  const confirm = page.getByTestId('delete-service-confirm');
  for (const vm of vmNames) await expect(confirm.getByTestId('destroy-list')).toContainText(vm);
  await confirm.getByTestId('confirm-button').click();
  // Deleting forces the VMs off (no grace period to wait out), so this takes seconds.
  await expect(services.planRow('delete-service')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  await expect(row).toBeHidden({ timeout: 30_000 });
  await expect(cards).toHaveCount(0);
  for (const host of hosts) expect(ours(host)).toEqual([]);
});
