import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { expect, test } from '../fixtures/test';
import { domainState, labHost, readLab, virsh, type LabHost } from '../fixtures/lab';

// The walking skeleton end to end, against a real host of the lab (sshd + libvirt + QEMU):
// add it, trust its key, see its VMs, and watch a VM started out of band turn running.
const lab = readLab();
const hv1 = labHost(lab, 1);
test.afterEach(() => {
  // Leave the lab as the lab script made it: bravo shut off.
  if (domainState(hv1, 'bravo') !== 'shut off') virsh(hv1, 'destroy', 'bravo');
});

test('add a host, trust its key, see its VMs live', async ({ page, openConsole }) => {
  const { app } = await openConsole();

  await app.addLabHost(hv1, lab.clientKey, 'zone=a, rack=r1');
  await app.trustPresentedKey(hv1.hostKeyFingerprint);

  const host = app.hostCard(hv1.address);
  await expect(host).toHaveAttribute('data-state', 'connected');
  await expect(app.vmCard('alpha')).toHaveAttribute('data-state', 'running');
  await expect(app.vmCard('bravo')).toHaveAttribute('data-state', 'shutoff');

  // Out of band, as an admin's shell on the host would. libvirt may announce the start before
  // virsh returns, so the two run side by side and both moments are taken; the page is watched
  // with the selector engine (no polling interval to blur the figure).
  const running = page.locator(
    '[data-testid="vm-card"][data-vm-name="bravo"][data-state="running"]',
  );
  const issued = Date.now();
  const returned = startOutOfBand(hv1, 'bravo').then(() => Date.now());
  await running.waitFor({ state: 'attached', timeout: 15_000 });
  const shown = Date.now();
  const afterReturn = shown - (await returned);
  process.stdout.write(
    `MEASURED out-of-band VM start → card running: ${shown - issued} ms after \`virsh start\` was issued, ` +
      `${afterReturn} ms after it returned\n`,
  );
  test.info().annotations.push({
    type: 'out-of-band start → card running',
    description: `${shown - issued} ms from issue, ${afterReturn} ms from return`,
  });
  // The event stream, not the 5 s backstop poll, must carry it: the design asks for about a second.
  expect(afterReturn).toBeLessThan(2_000);

  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'artifacts/screenshots/topology-real-host.png', fullPage: true });
});

test('the host and its trusted key survive a restart of the console', async ({ openConsole }) => {
  const { app, shell } = await openConsole();
  await app.addLabHost(hv1, lab.clientKey);
  await app.trustPresentedKey(hv1.hostKeyFingerprint);
  await expect(app.hostCard(hv1.address)).toHaveAttribute('data-state', 'connected');

  await shell.stop();
  // A second console over the same data folder: what a restart of the app is.
  await openConsole();
  // No second fingerprint question: the key was accepted and stored.
  await expect(app.hostCard(hv1.address)).toHaveAttribute('data-state', 'connected');
  await expect(app.fingerprintDialog()).toBeHidden();
  await expect(app.vmCard('alpha')).toBeVisible();
});

test('a key the host refuses is reported as auth-failed, naming the host', async ({
  page,
  openConsole,
}) => {
  const { app } = await openConsole();
  await app.addLabHost(hv1, lab.wrongKey);
  await app.trustPresentedKey(hv1.hostKeyFingerprint);
  const failure = page.getByTestId('add-host-failure');
  await expect(failure).toHaveAttribute('data-state', 'auth-failed');
  await expect(failure).toContainText(hv1.address);
});

test('an address nothing answers on is reported as unreachable at once', async ({
  page,
  openConsole,
}) => {
  const { app } = await openConsole();
  // A loopback port that was free a moment ago: connection refused at once.
  const port = await closedPort('127.0.0.99');
  await app.addHost({
    address: '127.0.0.99',
    port,
    user: 'nobody',
    keyPath: lab.clientKey,
    uri: 'qemu:///session',
  });
  const failure = page.getByTestId('add-host-failure');
  await expect(failure).toHaveAttribute('data-state', 'unreachable');
  await expect(failure).toContainText(`127.0.0.99:${port}`);
});

/** `virsh start` as the host's own user, without blocking the test while QEMU starts. */
async function startOutOfBand(host: LabHost, name: string): Promise<void> {
  const argv = ['-u', host.user, '--', 'virsh', '-c', host.uri, 'start', name];
  await promisify(execFile)('runuser', argv, { timeout: 30_000 });
}

/** A port nothing listens on: bind one, note it, let it go. */
function closedPort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, address, () => {
      const bound = server.address();
      server.close(() =>
        typeof bound === 'object' && bound ? resolve(bound.port) : reject(new Error('no port')),
      );
    });
  });
}
