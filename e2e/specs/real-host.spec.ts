import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ConsolePage } from '../pages/console-page';
import { domainState, labHost, readLab, virsh } from '../fixtures/lab';
import { startWebShell, type WebShell } from '../fixtures/web-shell';

// The walking skeleton end to end, against a real host of the lab (sshd + libvirt + QEMU):
// add it, trust its key, see its VMs, and watch a VM started out of band turn running.
const lab = readLab();
const hv1 = labHost(lab, 1);
let shell: WebShell | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-e2e-'));
});
test.afterEach(async () => {
  await shell?.stop();
  shell = undefined;
  rmSync(dataDir, { recursive: true, force: true });
  // Leave the lab as the lab script made it: bravo shut off.
  if (domainState(hv1, 'bravo') !== 'shut off') virsh(hv1, 'destroy', 'bravo');
});

test('add a host, trust its key, see its VMs live', async ({ page }) => {
  shell = await startWebShell({ demo: false, dataDir });
  const app = new ConsolePage(page);
  await app.open(shell.url);

  await app.addHost({
    address: hv1.address,
    port: hv1.port,
    user: hv1.user,
    keyPath: lab.clientKey,
    uri: hv1.uri,
    labels: 'zone=a, rack=r1',
  });
  await app.trustPresentedKey(hv1.hostKeyFingerprint);

  const host = app.hostCard(hv1.address);
  await expect(host).toHaveAttribute('data-state', 'connected');
  await expect(app.vmCard('alpha')).toHaveAttribute('data-state', 'running');
  await expect(app.vmCard('bravo')).toHaveAttribute('data-state', 'shutoff');

  // Out of band, as an admin's shell on the host would: the card must follow within about a second.
  virsh(hv1, 'start', 'bravo');
  const started = Date.now();
  await expect(app.vmCard('bravo')).toHaveAttribute('data-state', 'running', { timeout: 5_000 });
  const latencyMs = Date.now() - started;
  test
    .info()
    .annotations.push({ type: 'out-of-band start → card running', description: `${latencyMs} ms` });
  process.stdout.write(`MEASURED out-of-band VM start → card running: ${latencyMs} ms\n`);
  expect(latencyMs).toBeLessThan(5_000);

  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/topology-real-host.png', fullPage: true });
});

test('the host and its trusted key survive a restart of the console', async ({ page }) => {
  shell = await startWebShell({ demo: false, dataDir });
  const app = new ConsolePage(page);
  await app.open(shell.url);
  await app.addHost({
    address: hv1.address,
    port: hv1.port,
    user: hv1.user,
    keyPath: lab.clientKey,
    uri: hv1.uri,
  });
  await app.trustPresentedKey(hv1.hostKeyFingerprint);
  await expect(app.hostCard(hv1.address)).toHaveAttribute('data-state', 'connected');

  await shell.stop();
  shell = await startWebShell({ demo: false, dataDir });
  await app.open(shell.url);
  // No second fingerprint question: the key was accepted and stored.
  await expect(app.hostCard(hv1.address)).toHaveAttribute('data-state', 'connected');
  await expect(app.fingerprintDialog()).toBeHidden();
  await expect(app.vmCard('alpha')).toBeVisible();
});

test('a key the host does not accept is reported in words that name the host', async ({ page }) => {
  shell = await startWebShell({ demo: false, dataDir });
  const app = new ConsolePage(page);
  await app.open(shell.url);
  await app.addHost({
    address: hv1.address,
    port: hv1.port,
    user: hv1.user,
    keyPath: lab.wrongKey,
    uri: hv1.uri,
  });
  await app.trustPresentedKey(hv1.hostKeyFingerprint);
  const dialog = page.getByTestId('add-host-dialog');
  await expect(dialog).toContainText(hv1.address);
  await expect(dialog).toContainText(/auth|key|denied|refused/i);
});

test('an unreachable address is reported, and nothing hangs', async ({ page }) => {
  shell = await startWebShell({ demo: false, dataDir });
  const app = new ConsolePage(page);
  await app.open(shell.url);
  // 127.0.0.99 is loopback with nothing listening on port 22: connection refused at once.
  await app.addHost({
    address: '127.0.0.99',
    port: 22,
    user: 'nobody',
    keyPath: lab.clientKey,
    uri: 'qemu:///session',
  });
  const dialog = page.getByTestId('add-host-dialog');
  await expect(dialog).toContainText('127.0.0.99');
  await expect(dialog).toContainText(/unreachable|refused|connect/i);
});
