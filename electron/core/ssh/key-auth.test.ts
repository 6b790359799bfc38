import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAuth } from './key-auth';
import { KeyFileError } from './key-file-error';

const dir = mkdtempSync(join(tmpdir(), 'federator-keyauth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const locked = join(dir, 'locked');
const open = join(dir, 'open');
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'sekret', '-f', locked]);
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', open]);

async function codeAndMessage(p: Promise<unknown>): Promise<[string, string]> {
  try {
    await p;
    return ['ok', ''];
  } catch (thrown) {
    const e = thrown as { code: string; message: string };
    return [e.code, e.message];
  }
}

describe('loadAuth', () => {
  it('reads a plain key and a protected one with its passphrase', async () => {
    expect(await loadAuth('hv1', open, undefined)).toHaveProperty('privateKey');
    expect(await loadAuth('hv1', locked, 'sekret')).toMatchObject({ passphrase: 'sekret' });
  });

  it('says the passphrase is missing or wrong, as a key-file error', async () => {
    const [code, message] = await codeAndMessage(loadAuth('hv1', locked, undefined));
    expect(code).toBe('key-file');
    expect(message).toMatch(/protected by a passphrase and none was given/);
    const [code2, message2] = await codeAndMessage(loadAuth('hv1', locked, 'nope'));
    expect(code2).toBe('key-file');
    expect(message2).toMatch(/passphrase is wrong/);
  });

  it('says which, as data, so that nobody has to read the words', async () => {
    await expect(loadAuth('hv1', locked, undefined)).rejects.toSatisfy(
      (e) => e instanceof KeyFileError && e.passphrase === 'missing',
    );
    await expect(loadAuth('hv1', locked, 'nope')).rejects.toSatisfy(
      (e) => e instanceof KeyFileError && e.passphrase === 'wrong',
    );
    writeFileSync(join(dir, 'junk2'), 'not a key');
    for (const path of [join(dir, 'junk2'), join(dir, 'none')]) {
      await expect(loadAuth('hv1', path, undefined)).rejects.toSatisfy(
        (e) => e instanceof KeyFileError && e.passphrase === undefined,
      );
    }
  });

  it('names a missing or unreadable file', async () => {
    const [code, message] = await codeAndMessage(loadAuth('hv1', join(dir, 'none'), undefined));
    expect([code, message]).toEqual(['key-file', expect.stringContaining('no such file')]);
    writeFileSync(join(dir, 'junk'), 'not a key');
    expect((await codeAndMessage(loadAuth('hv1', join(dir, 'junk'), undefined)))[0]).toBe(
      'key-file',
    );
  });

  it('refuses a huge file or a device as a key without reading it whole, naming the file', async () => {
    const huge = join(dir, 'huge');
    writeFileSync(huge, Buffer.alloc(1024 * 1024, 'k'));
    expect(await codeAndMessage(loadAuth('hv1', huge, undefined))).toEqual([
      'key-file',
      `Couldn't read the key file ${huge} for hv1: it is larger than 64 KiB, so it is not a private key`,
    ]);
    expect(await codeAndMessage(loadAuth('hv1', '/dev/zero', undefined))).toEqual([
      'key-file',
      "Couldn't read the key file /dev/zero for hv1: it is not a regular file, so it is not a private key",
    ]);
  });

  it('uses ssh-agent without a key path, and says so when there is none', async () => {
    expect(await loadAuth('hv1', undefined, undefined, { SSH_AUTH_SOCK: '/tmp/agent' })).toEqual({
      agent: '/tmp/agent',
    });
    const [code, message] = await codeAndMessage(loadAuth('hv1', undefined, undefined, {}));
    expect(code).toBe('key-file');
    expect(message).toContain('no ssh-agent');
  });

  it('reads ~/ as the home directory and refuses any other relative path', async () => {
    const inHome = await loadAuth('hv1', '~/open', undefined, {}, dir);
    expect(inHome).toHaveProperty('privateKey');
    for (const relative of ['.ssh/id_ed25519', 'open', '~other/.ssh/id_ed25519', '~']) {
      expect(await codeAndMessage(loadAuth('hv1', relative, undefined, {}, dir))).toEqual([
        'key-file',
        `Couldn't use the key file ${relative} for hv1: give the full path of the key file, e.g. /home/you/.ssh/id_ed25519 or ~/.ssh/id_ed25519`,
      ]);
    }
  });
});
