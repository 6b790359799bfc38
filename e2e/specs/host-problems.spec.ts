import { mkdirSync } from 'node:fs';
import { expect, test } from '../fixtures/test';
import { labHost, readLab } from '../fixtures/lab';

// What the console says, from structured data, when a real lab host cannot be reached as given:
// a key that needs its passphrase, a host key to check (with its type), a key the host refuses
// fixed in place by "Edit and retry".
const lab = readLab();
const hv1 = labHost(lab, 1);
const SHOTS = 'artifacts/screenshots';
test.beforeEach(() => {
  mkdirSync(SHOTS, { recursive: true });
});

test('a key without its passphrase: "Needs passphrase", then given, checked and connected', async ({
  page,
  openConsole,
}) => {
  const { app } = await openConsole();
  await app.addLabHost(hv1, lab.passphraseKey);
  const dialog = app.addHostDialog();
  await expect(dialog.getByTestId('add-host-failure')).toHaveAttribute('data-state', 'auth-failed');
  await expect(dialog.getByTestId('add-host-needs-passphrase')).toBeVisible();
  await dialog.getByTestId('keep-host-button').click();

  const card = app.hostCard(hv1.address);
  await expect(card).toHaveAttribute('data-problem', 'key-file');
  await expect(card).toContainText('Needs passphrase');
  const panel = await app.selectHost(hv1.address);
  await expect(panel.getByTestId('needs-passphrase')).toHaveText(
    'The key is protected by a passphrase. Give it to connect:',
  );
  await page.screenshot({ path: `${SHOTS}/needs-passphrase.png` });

  await app.reconnectWithPassphrase(lab.passphrase);
  // First contact once the key opens: the host key to check, named as OpenSSH names it.
  const fingerprint = app.fingerprintDialog();
  await expect(fingerprint.getByTestId('fingerprint-key-type')).toHaveText('ED25519');
  await app.trustPresentedKey(hv1.hostKeyFingerprint);
  await expect(card).toHaveAttribute('data-state', 'connected');
  await expect(card).not.toHaveAttribute('data-problem', /./);
  await expect(panel.getByTestId('passphrase-form')).toBeHidden();
  await expect(app.vmCard('alpha')).toBeVisible();
});

test('the fingerprint dialog names the key type, as OpenSSH does', async ({
  page,
  openConsole,
}) => {
  const { app } = await openConsole();
  await app.addLabHost(hv1, lab.clientKey);
  const dialog = app.fingerprintDialog();
  await expect(dialog).toContainText(
    `The authenticity of host ‘${hv1.address} (${hv1.address}:${hv1.port})’ can’t be established.`,
  );
  await expect(dialog).toContainText('Its ED25519 key fingerprint is');
  await expect(dialog.getByTestId('fingerprint-value')).toHaveText(hv1.hostKeyFingerprint);
  await expect(dialog).toContainText('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
  await page.screenshot({ path: `${SHOTS}/fingerprint-dialog.png` });
  await app.trustPresentedKey(hv1.hostKeyFingerprint);
  const panel = await app.selectHost(hv1.address);
  await expect(panel.getByTestId('host-key-fact')).toHaveText(`ED25519 ${hv1.hostKeyFingerprint}`);
});

test('Edit and retry swaps a refused key for the right one: same host, same log', async ({
  page,
  openConsole,
}) => {
  const { app } = await openConsole();
  await app.addLabHost(hv1, lab.wrongKey);
  await app.trustPresentedKey(hv1.hostKeyFingerprint);
  const card = app.hostCard(hv1.address);
  await expect(card).toHaveAttribute('data-state', 'auth-failed');
  await expect(card).toHaveAttribute('data-problem', 'auth-failed');
  const hostId = await card.getAttribute('data-host-id');

  await app.editAndRetry({ keyPath: lab.clientKey });
  await expect(app.addHostDialog()).toBeHidden();
  // The key was trusted at this address already: no second fingerprint question.
  await expect(app.fingerprintDialog()).toBeHidden();
  await expect(card).toHaveAttribute('data-state', 'connected');
  await expect(card).toHaveAttribute('data-host-id', hostId ?? 'missing');
  await expect(app.hostCards()).toHaveCount(1);
  await expect(app.vmCard('alpha')).toBeVisible();

  await app.openEventLog();
  const lines = app.eventLogLines();
  await expect(lines.filter({ hasText: 'refused our key' }).first()).toBeVisible();
  await expect(lines.filter({ hasText: 'settings changed (key file)' })).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/edit-and-retry.png` });
});
