import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import { labHost, readLab } from '../fixtures/lab';
import { labJumpHost } from '../../lab/lab-description';

// Hosts from where admins already list them: a ~/.ssh/config (pasted) naming hv1 and hv4, which
// the console reaches only through hv1 (lab.sh jump-host), then an Ansible inventory file naming
// hv1 (recognised) and hv2, hv3. All end up connected, with their fingerprints trusted in one list.
const lab = readLab();
const { host: hv4 } = labJumpHost(lab);
const [hv1, hv2, hv3] = [1, 2, 3].map((i) => labHost(lab, i));
const shots = 'artifacts/screenshots';

const sshConfig = `Host *
  IdentityFile ${lab.clientKey}
Host hv1
  HostName ${hv1!.address}
  Port ${hv1!.port}
  User hv1
Host hv4
  HostName ${hv4.address}
  Port ${hv4.port}
  User hv4
  ProxyJump hv1
Match exec "touch /tmp/federator-e2e-match-ran"
  User nobody
`;

const inventory = `[rack1]
hv1 ansible_host=${hv1!.address} ansible_user=hv1
hv2 ansible_host=${hv2!.address} ansible_user=hv2
[rack2]
hv3 ansible_host=${hv3!.address} ansible_user=hv3
[all:vars]
ansible_port=${hv1!.port}
ansible_ssh_private_key_file=${lab.clientKey}
`;

async function read(
  page: Page,
  kind: 'ssh-config' | 'ansible',
  input: { text?: string; path?: string },
) {
  await page.getByTestId('import-hosts-button').click();
  const dialog = page.getByTestId('import-hosts-dialog');
  await dialog.getByTestId(`import-kind-${kind}`).check();
  if (input.path !== undefined) await dialog.getByTestId('import-path').fill(input.path);
  if (input.text !== undefined) await dialog.getByTestId('import-text').fill(input.text);
  await dialog.getByTestId('import-read').click();
  await expect(dialog.getByTestId('import-preview')).toBeVisible();
  await dialog.getByTestId('import-uri').fill(hv1!.uri);
  return dialog;
}

async function trustAll(page: Page, count: number) {
  const trust = page.getByTestId('import-trust-dialog');
  const button = trust.getByTestId('import-trust-all');
  await expect(button).toHaveText(`Trust ${count} shown key${count === 1 ? '' : 's'}`, {
    timeout: 20_000,
  });
  await button.click();
}

test('import ~/.ssh/config (one host through a jump host) and an Ansible inventory', async ({
  page,
  openConsole,
}) => {
  test.setTimeout(120_000);
  const { app } = await openConsole();
  mkdirSync(shots, { recursive: true });

  // 1. ~/.ssh/config, pasted: hv1, and hv4 through it; the Match block skipped, never run.
  let dialog = await read(page, 'ssh-config', { text: sshConfig });
  const rows = dialog.getByTestId('import-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('hv1'); // its jump host column
  await expect(dialog.getByTestId('import-file-notes')).toContainText(
    'Match exec touch /tmp/federator-e2e-match-ran skipped',
  );
  await page.screenshot({ path: `${shots}/import-ssh-config-preview.png` });
  await dialog.getByTestId('import-add').click();

  const trust = page.getByTestId('import-trust-dialog');
  await expect(trust.getByTestId('import-trust-row')).toHaveCount(2);
  await expect(trust).toContainText(hv1!.originalHostKeyFingerprint, { timeout: 20_000 });
  await expect(trust).toContainText('the host key of hv1 is not trusted yet');
  await page.screenshot({ path: `${shots}/import-trust-list.png` });
  await trustAll(page, 1); // hv1; hv4 then presents its own key, through hv1
  await expect(trust).toContainText(hv4.originalHostKeyFingerprint, { timeout: 20_000 });
  await trustAll(page, 1);
  await expect(
    trust.locator('[data-testid="import-trust-row"][data-state="connected"]'),
  ).toHaveCount(2, {
    timeout: 30_000,
  });
  await trust.getByTestId('import-done').click();
  await expect(app.hostCard('hv4')).toHaveAttribute('data-state', 'connected');
  await expect(app.vmCard('echo')).toBeVisible();

  // 2. An Ansible inventory file: hv1 recognised (already in the console), hv2 and hv3 added.
  const dir = mkdtempSync(join(tmpdir(), 'federator-e2e-inv-'));
  try {
    const path = join(dir, 'hosts.ini');
    writeFileSync(path, inventory);
    dialog = await read(page, 'ansible', { path });
    const hv1Row = dialog.locator('[data-testid="import-row"][data-key="hv1"]');
    await expect(hv1Row).toContainText('Already in the console as hv1');
    await expect(hv1Row.getByRole('checkbox')).not.toBeChecked();
    await expect(dialog.locator('[data-key="hv3"]')).toContainText('group=rack2');
    await page.screenshot({ path: `${shots}/import-ansible-preview.png` });
    await expect(dialog.getByTestId('import-add')).toHaveText('Add 2 hosts');
    await dialog.getByTestId('import-add').click();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await trustAll(page, 2);
  const trust2 = page.getByTestId('import-trust-dialog');
  await expect(
    trust2.locator('[data-testid="import-trust-row"][data-state="connected"]'),
  ).toHaveCount(2, {
    timeout: 30_000,
  });
  await trust2.getByTestId('import-done').click();
  for (const name of ['hv1', 'hv2', 'hv3', 'hv4']) {
    await expect(app.hostCard(name)).toHaveAttribute('data-state', 'connected');
  }
  await page.screenshot({ path: `${shots}/import-connected.png`, fullPage: true });
});
