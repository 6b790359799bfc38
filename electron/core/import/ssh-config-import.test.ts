import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryEnv } from '../../testing/import-fixtures';
import { readSshConfig } from './ssh-config-import';

const MAIN = `
Host *
  User admin
  IdentityFile ~/.ssh/fleet_ed25519

Host hv1
  HostName 10.0.0.11
Host hv1 hv2
  HostName 10.0.0.%h
Host hv4
  HostName 10.0.1.14
  Port 2222
  ProxyJump hv1
Host web-*
  User www
Include conf.d/*.conf
`;

describe('~/.ssh/config import', () => {
  it('takes concrete hosts with HostName, Port, User, IdentityFile and ProxyJump; patterns lend settings', async () => {
    const env = memoryEnv({
      '/home/ops/.ssh/conf.d/lab.conf': 'Host hv5\n  HostName 10.0.2.15\n  User root\n',
    });
    const r = await readSshConfig(MAIN, '/home/ops/.ssh/config', env);
    expect(r.hosts.map((h) => [h.key, h.address, h.port, h.user, h.keyPath, h.jumpSpec])).toEqual([
      ['hv1', '10.0.0.11', 22, 'admin', '/home/ops/.ssh/fleet_ed25519', undefined],
      ['hv2', '10.0.0.hv2', 22, 'admin', '/home/ops/.ssh/fleet_ed25519', undefined],
      ['hv4', '10.0.1.14', 2222, 'admin', '/home/ops/.ssh/fleet_ed25519', 'hv1'],
      ['hv5', '10.0.2.15', 22, 'admin', '/home/ops/.ssh/fleet_ed25519', undefined],
    ]);
    expect(r.read).toEqual(['/home/ops/.ssh/config', '/home/ops/.ssh/conf.d/lab.conf']);
    expect(r.notes).toContain(
      'Patterns not imported as hosts (their settings apply to the hosts they match): *, web-*',
    );
  });

  it('skips Match blocks with a note and never runs Match exec', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fed-match-'));
    const marker = join(dir, 'ran');
    try {
      const text = `Match exec "touch ${marker}"\n  User evil\nHost hv1\n  HostName 10.0.0.11\n  User ops\n`;
      const r = await readSshConfig(text, 'pasted text', memoryEnv({}));
      expect(r.hosts.map((h) => h.user)).toEqual(['ops']);
      expect(r.notes[0]).toBe(
        `Match exec touch ${marker} skipped: Match blocks are not evaluated on import`,
      );
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows Include to a bounded depth: a file that includes itself stops with a note', async () => {
    const env = memoryEnv({
      '/home/ops/.ssh/loop': 'Include loop\nHost hvx\n  HostName 10.9.9.9\n',
    });
    const r = await readSshConfig('Include loop\n', '/home/ops/.ssh/config', env);
    expect(r.hosts.map((h) => h.key)).toEqual(['hvx']);
    expect(r.notes.some((n) => n.includes('more than 8 levels deep'))).toBe(true);
  });

  it('notes a missing Include and the defaults it took (no User, no IdentityFile)', async () => {
    const r = await readSshConfig(
      'Include nope.conf\nHost a\n  HostName 10.0.0.1\n',
      'pasted text',
      memoryEnv({}),
    );
    expect(r.notes[0]).toMatch(/^Include \/home\/ops\/\.ssh\/nope\.conf skipped: /);
    expect(r.hosts[0]?.user).toBe('ops');
    expect(r.hosts[0]?.notes).toEqual([
      'No User: connecting as ops, as ssh would',
      'No IdentityFile: ssh-agent is used',
    ]);
  });

  it('never runs ProxyCommand: the host is importable but not checked at first', async () => {
    const r = await readSshConfig(
      'Host p\n  ProxyCommand nc %h %p\n',
      'pasted text',
      memoryEnv({}),
    );
    expect(r.hosts[0]).toMatchObject({ importable: true, selectable: false });
    expect(r.hosts[0]?.notes).toContain(
      'ProxyCommand is never run by an import: set a jump host after adding it if needed',
    );
  });

  it('refuses a bad port with words, and ProxyJump none means direct', async () => {
    const r = await readSshConfig(
      'Host a\n  Port 99999\n  ProxyJump none\n',
      'pasted text',
      memoryEnv({}),
    );
    expect(r.hosts[0]?.importable).toBe(false);
    expect(r.hosts[0]?.jumpSpec).toBeUndefined();
    expect(r.hosts[0]?.notes).toContain('Port 99999 is not a port number');
  });
});
