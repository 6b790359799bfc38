import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors';
import { labHost, labSh, labSshTarget, readLab, type LabHost } from '../../testing/lab-hosts';
import { openSshSession, type SshTarget } from './ssh-connect';
import type { SshSession } from './ssh-session';

const lab = readLab();
const hv1 = labHost(lab, 1);
const hv3 = labHost(lab, 3); // faults go to hv3, the host other suites lean on least
const sessions: SshSession[] = [];

function target(host: LabHost, extra: Partial<SshTarget> = {}): SshTarget {
  return labSshTarget(lab, host, extra);
}

async function open(t: SshTarget): Promise<SshSession> {
  const session = await openSshSession(t, { readyTimeoutMs: 5_000 });
  sessions.push(session);
  return session;
}

async function failure(t: SshTarget): Promise<AppError & { fingerprint?: string }> {
  try {
    const session = await open(t);
    await session.close();
  } catch (thrown) {
    return thrown as AppError & { fingerprint?: string };
  }
  throw new Error('expected the connection to be refused');
}

afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()));
});

describe('SSH session against real sshd', () => {
  it('presents the lab host key on first contact, as an OpenSSH SHA256 fingerprint', async () => {
    const { trustedFingerprint: _trusted, ...firstContact } = target(hv1);
    const error = await failure(firstContact);
    expect(error.code).toBe('host-key-unknown');
    expect(error.fingerprint).toBe(hv1.hostKeyFingerprint);
    expect(error.message).toContain(hv1.hostKeyFingerprint);
  });

  it('runs commands with hostile arguments unchanged', async () => {
    const session = await open(target(hv1));
    expect(session.fingerprint).toBe(hv1.originalHostKeyFingerprint);
    const hostile = `it's "$(touch /tmp/federator-pwned)" \`id\` ; | & \n é`;
    const result = await session.exec(['printf', '%s', hostile]);
    expect(result).toEqual({ code: 0, stdout: hostile, stderr: '' });
    expect(existsSync('/tmp/federator-pwned')).toBe(false);
    expect((await session.exec(['sh', '-c', 'echo oops >&2; exit 3'])).code).toBe(3);
  });

  it('queues channels past the cap: 30 commands at once all succeed', async () => {
    const session = await open(target(hv1));
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => session.exec(['sh', '-c', `sleep 0.05; echo ${i}`])),
    );
    expect(results.map((r) => r.stdout.trim())).toEqual(
      Array.from({ length: 30 }, (_, i) => `${i}`),
    );
  });

  it('times a command out, frees its channel, and keeps the connection usable', async () => {
    const session = await open(target(hv1));
    const started = performance.now();
    const error = await session.exec(['sleep', '30'], { timeoutMs: 400 }).then(
      () => undefined,
      (thrown: AppError) => thrown,
    );
    expect(error?.code).toBe('timeout');
    expect(error?.message).toContain('`sleep 30` on hv1 did not answer within 0.4 s');
    expect(performance.now() - started).toBeLessThan(2_000);
    const again = await Promise.all(Array.from({ length: 8 }, () => session.exec(['true'])));
    expect(again.map((r) => [r.code, r.stderr])).toEqual(again.map(() => [0, '']));
  });

  it('streams lines of a long-lived command and reports its end', async () => {
    const session = await open(target(hv1));
    const lines: string[] = [];
    const ended = new Promise<AppError | undefined>((resolve) => {
      void session.stream(
        ['sh', '-c', 'echo one; sleep 0.1; printf "two\\nthr"; sleep 0.1; echo ee; exit 4'],
        {
          onLine: (line) => lines.push(line),
          onClose: resolve,
        },
      );
    });
    const error = await ended;
    expect(lines).toEqual(['one', 'two', 'three']);
    expect(error?.message).toMatch(/ended with exit code 4/);
  });

  it('refuses a key the host does not accept: auth-failed', async () => {
    const error = await failure(target(hv1, { keyPath: lab.wrongKey }));
    expect(error.code).toBe('auth-failed');
    expect(error.message).toContain('refused our key for user hv1');
  });

  it('uses a passphrase-protected key with its passphrase, and says so clearly without it', async () => {
    const session = await open(
      target(hv1, { keyPath: lab.passphraseKey, passphrase: lab.passphrase }),
    );
    expect((await session.exec(['true'])).code).toBe(0);
    const missing = await failure(target(hv1, { keyPath: lab.passphraseKey }));
    expect([missing.code, missing.message]).toEqual([
      'key-file',
      expect.stringContaining('protected by a passphrase and none was given'),
    ]);
    const wrong = await failure(target(hv1, { keyPath: lab.passphraseKey, passphrase: 'nope' }));
    expect([wrong.code, wrong.message]).toEqual([
      'key-file',
      expect.stringContaining('passphrase is wrong'),
    ]);
  });

  it('authenticates through ssh-agent when no key file is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'federator-agent-'));
    const socket = join(dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    const saved = process.env.SSH_AUTH_SOCK;
    try {
      for (let i = 0; i < 100 && !existsSync(socket); i++)
        await new Promise((r) => setTimeout(r, 20));
      execFileSync('ssh-add', ['-q', lab.clientKey], {
        env: { ...process.env, SSH_AUTH_SOCK: socket },
        stdio: 'ignore',
      });
      process.env.SSH_AUTH_SOCK = socket;
      const { keyPath: _key, ...viaAgent } = target(hv1);
      const session = await open(viaAgent);
      expect((await session.exec(['true'])).code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved;
      if (agent.pid !== undefined) process.kill(agent.pid); // the agent this test started
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a dead sshd is unreachable (connection refused)', async () => {
    labSh('sshd-stop', '3');
    try {
      const error = await failure(target(hv3));
      expect(error.code).toBe('unreachable');
      expect(error.message).toContain('hv3 (127.0.0.13:22) refused the connection');
    } finally {
      labSh('sshd-start', '3');
    }
  });

  it('refuses a rotated host key with an OpenSSH-style warning, before authenticating', async () => {
    const out = labSh('rotate-hostkey', '3');
    try {
      const error = await failure(target(hv3));
      expect(error.code).toBe('host-key-changed');
      expect(error.message).toContain('WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED');
      expect(error.message).toContain('Offending key');
      expect(error.fingerprint).not.toBe(hv3.originalHostKeyFingerprint);
      expect(out).toContain(error.fingerprint);
      expect(error.message).toContain(
        `The fingerprint for the ED25519 key sent by the remote host is ${error.fingerprint ?? '?'}`,
      );
    } finally {
      labSh('restore-hostkey', '3');
    }
    const session = await open(target(hv3));
    expect(session.fingerprint).toBe(hv3.originalHostKeyFingerprint);
  });
});
