import { afterAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors';
import { labJumpHost } from '../../../lab/lab-description';
import { labSh, labSshTarget, readLab } from '../../testing/lab-hosts';
import { openSshSession, type SshTarget } from './ssh-connect';
import type { SshSession } from './ssh-session';

// hv4 (`lab.sh jump-host`) drops root's packets: the console reaches it only through hv1.
const lab = readLab();
const { host: hv4, via: hv1 } = labJumpHost(lab);
const sessions: SshSession[] = [];
const throughHv1 = (extra: Partial<SshTarget> = {}): SshTarget =>
  labSshTarget(lab, hv4, { jump: labSshTarget(lab, hv1), ...extra });

async function open(t: SshTarget, readyTimeoutMs = 5_000): Promise<SshSession> {
  const session = await openSshSession(t, { readyTimeoutMs });
  sessions.push(session);
  return session;
}

async function failure(t: SshTarget, readyTimeoutMs = 5_000): Promise<AppError> {
  try {
    await (await open(t, readyTimeoutMs)).close();
  } catch (thrown) {
    return thrown as AppError;
  }
  throw new Error('expected the connection to fail');
}

afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()));
});

describe('ProxyJump through a real jump host', () => {
  it('cannot reach hv4 directly (the lab premise): the handshake times out', async () => {
    const error = await failure(labSshTarget(lab, hv4), 2_000);
    expect(error.code).toBe('unreachable');
    expect(error.message).toContain('127.0.0.14');
  });

  it('reaches hv4 through hv1, runs commands there, many channels over the one forward', async () => {
    const session = await open(throughHv1());
    expect(session.fingerprint).toBe(hv4.originalHostKeyFingerprint);
    const results = await Promise.all(Array.from({ length: 6 }, () => session.exec(['id', '-un'])));
    expect(results.map((r) => r.stdout.trim())).toEqual(Array(6).fill('hv4'));
    const listed = await session.exec(['virsh', '-c', hv4.uri, 'list', '--all', '--name']);
    expect(listed.stdout.split('\n')).toContain('echo');
    await session.close();
    expect(session.isOpen).toBe(false);
  });

  it('an unknown jump host key names the jump host, and is not offered as the target key', async () => {
    const { trustedFingerprint: _t, ...unknownJump } = labSshTarget(lab, hv1);
    const error = await failure(throughHv1({ jump: unknownJump }));
    expect(error.code).toBe('unreachable'); // retried: it connects once hv1's key is trusted
    expect(error.message).toBe(
      "Couldn't connect to hv4 through jump host hv1: the host key of hv1 is not trusted yet; trust it on hv1 first",
    );
  });

  it('a jump host nobody answers on says the jump host is unreachable', async () => {
    const error = await failure(throughHv1({ jump: labSshTarget(lab, hv1, { port: 1 }) }));
    expect(error.code).toBe('unreachable');
    expect(error.message).toBe(
      "Couldn't connect to hv4 through jump host hv1: jump host hv1 is unreachable (hv1 (127.0.0.11:1) refused the connection (is sshd running?))",
    );
  });

  it("the target's sshd down: hv1 refused the forward, named as the second hop", async () => {
    labSh('sshd-stop', String(hv4.index));
    try {
      const error = await failure(throughHv1());
      expect(error.code).toBe('unreachable');
      expect(error.message).toMatch(
        /^Couldn't connect to hv4 through jump host hv1: hv1 refused the forward to 127\.0\.0\.14:\d+ \(.*Connection refused.*\)$/,
      );
    } finally {
      labSh('sshd-start', String(hv4.index));
    }
  });

  it("hv4's own key is checked through the tunnel: a wrong one is refused as hv4's, via hv1", async () => {
    const error = await failure(throughHv1({ trustedFingerprint: hv1.originalHostKeyFingerprint }));
    expect(error.code).toBe('host-key-changed');
    expect(error.message).toContain(`hv4 (127.0.0.14:${hv4.port} via hv1)`);
  });

  it('hv4 refusing our key says so for hv4, reached via hv1', async () => {
    const error = await failure(throughHv1({ keyPath: lab.wrongKey }));
    expect(error.code).toBe('auth-failed');
    expect(error.message).toContain(`hv4 (127.0.0.14:${hv4.port} via hv1) refused our key`);
  });
});
