import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, test } from '../fixtures/test';
import { labHost, readLab, removeDomainsNamed, virsh, type LabHost } from '../fixtures/lab';

// The New VM wizard on the lab's real hosts: opened from a host, the engine left to choose between
// hv1 and hv2, a VM with a new 16 MiB disk and a name with quotes and $(…) reviewed and approved;
// it shows running on the host the review named, and virsh there agrees (domstate, the volume).
const lab = readLab();
const hosts = [labHost(lab, 1), labHost(lab, 2)];
const prefix = `e2e new ${randomBytes(2).toString('hex')} `;

function deleteVolumes(host: LabHost): void {
  const listed = virsh(host, 'vol-list', '--pool', 'default');
  for (const line of listed.split('\n')) {
    const name = line.trim().split(/\s+\//)[0] ?? '';
    if (name.startsWith(prefix)) virsh(host, 'vol-delete', '--pool', 'default', '--vol', name);
  }
}

test.afterEach(() => {
  removeDomainsNamed(hosts, prefix);
  for (const host of hosts) deleteVolumes(host);
});

test('the wizard creates a VM with a 16 MiB disk, placed by the engine, running where the review said', async ({
  page,
  openConsole,
}) => {
  test.setTimeout(240_000);
  const { app } = await openConsole();
  for (const host of hosts) {
    await app.addLabHost(host, lab.clientKey);
    await app.trustPresentedKey(host.hostKeyFingerprint);
    await expect(app.hostCard(host.address)).toHaveAttribute('data-state', 'connected', {
      timeout: 60_000,
    });
  }
  const panel = await app.selectHost(hosts[0]!.address);
  await panel.getByTestId('host-action-new-vm').click();
  const wizard = page.getByTestId('new-vm-dialog');
  await expect(wizard).toBeVisible();
  // A name libvirt refuses is said as typed; one with quotes, spaces and $(…) is fine.
  await wizard.getByTestId('new-vm-name').fill('a/b');
  await expect(wizard.getByTestId('new-vm-name-error')).toHaveText(
    'A VM name cannot hold "/" (libvirt makes file names of it)',
  );
  await expect(wizard.getByTestId('new-vm-review')).toBeDisabled();
  const name = `${prefix}it's "new"; $(id)`;
  await wizard.getByTestId('new-vm-name').fill(name);
  await wizard.getByTestId('new-vm-host').selectOption({ value: '' });
  await wizard.getByTestId('new-vm-memory').fill('64');
  await wizard.getByTestId('new-vm-size').fill('16');
  await expect(wizard.getByTestId('new-vm-pool')).toContainText(
    /default — up to .* free \(2 hosts\)/,
  );
  // The lab's network is inactive (session libvirt cannot start one): user-mode is offered.
  await expect(wizard.getByTestId('new-vm-network')).toHaveValue('user');
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/create-vm-wizard.png' });
  await wizard.getByTestId('new-vm-review').click();

  const review = page.getByTestId('plan-review');
  await expect(review).toContainText(`Create VM ${name}`);
  const said = await review.getByTestId('plan-warnings').locator('li').first().textContent();
  const where = /will be created on (\S+): 1 vCPU, 64 MiB memory\.$/.exec(said ?? '')?.[1];
  const target = hosts.find((h) => h.address === where || h.name === where);
  expect(target, `the review names a lab host: ${said}`).toBeDefined();
  await expect(review).toContainText(
    `A new 16 MiB qcow2 volume “${name}.qcow2” is made in storage pool “default”`,
  );
  await page.screenshot({ path: 'artifacts/screenshots/create-vm-review.png' });
  await review.getByTestId('approve-plan').click();
  await expect(review).toBeHidden();

  const card = app
    .hostCard(target!.address)
    .locator(`[data-testid="vm-card"][data-vm-name="${name.replace(/["\\]/g, '\\$&')}"]`);
  await expect(card).toHaveAttribute('data-state', 'running', { timeout: 120_000 });
  expect(virsh(target!, 'domstate', name).trim()).toBe('running');
  const other = hosts.find((h) => h !== target)!;
  expect(virsh(other, 'list', '--all', '--name')).not.toContain(name);
  const volume = virsh(target!, 'vol-dumpxml', '--pool', 'default', '--vol', `${name}.qcow2`);
  expect(volume).toContain(`<capacity unit='bytes'>${16 * 1024 * 1024}</capacity>`);
  await page.screenshot({ path: 'artifacts/screenshots/create-vm-running.png' });
});
