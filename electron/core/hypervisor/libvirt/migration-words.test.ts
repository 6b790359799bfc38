import { describe, expect, it } from 'vitest';
import { describePathFailure, describePathFailureOrRaw } from './migration-path-words';
import { MigrationProgress, withoutProgress } from './migration-progress';
import { targetAddresses } from './migration-target';
import { LAB_TARGET } from '../../../testing/migration-target';

const target = LAB_TARGET;
const ends = { source: 'hv1', sourceUser: 'hv1', target };

/** virsh's stderr as captured on the lab, from hv1 as user hv1 (`virsh -c 'qemu+ssh://…' uri`). */
const CAPTURED = {
  refused:
    'error: failed to connect to the hypervisor\nerror: Cannot recv data: ssh: connect to host 127.0.0.12 port 1: Connection refused: Connection reset by peer\n',
  publickey:
    'error: failed to connect to the hypervisor\nerror: Cannot recv data: hv3@127.0.0.12: Permission denied (publickey).: Connection reset by peer\n',
  noDaemon:
    "error: failed to connect to the hypervisor\nerror: End of file while reading data: virt-ssh-helper: cannot connect to '/var/run/libvirt/libvirt-sock': Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory: Input/output error\n",
  unresolved:
    'error: failed to connect to the hypervisor\nerror: Cannot recv data: ssh: Could not resolve hostname nosuch.invalid: Name or service not known: Connection reset by peer\n',
  changed:
    'error: failed to connect to the hypervisor\nerror: Cannot recv data: @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\nIT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\nOffending ED25519 key in /home/hv1/.ssh/known_hosts:3\n  remove with:\n  ssh-keygen -f "/home/hv1/.ssh/known_hosts" -R "127.0.0.13"\nHost key for 127.0.0.13 has changed and you have requested strict checking.\nHost key verification failed.: Connection reset by peer\n',
  // ssh's own words for a key never seen (ssh as hv1 with an empty known_hosts), in libvirt's wrapping.
  unknown:
    'error: failed to connect to the hypervisor\nerror: Cannot recv data: No ED25519 host key is known for 127.0.0.12 and you have requested strict checking.\r\nHost key verification failed.: Connection reset by peer\n',
  // `virsh migrate` when the receiving qemu on hv2 was killed midway (libvirt 9.0).
  killed:
    "error: operation failed: job 'migration out' failed: Unable to write to socket: Bad file descriptor\n",
};

describe('migration path words', () => {
  it('tells an unknown host key from a changed one, and names the file, user and command', () => {
    expect(describePathFailure(CAPTURED.unknown, ends)).toEqual({
      message: "hv1 does not know hv2's host key",
      fix: "On hv1, as user hv1, add hv2's host key to ~/.ssh/known_hosts (ssh-keyscan -p 22 127.0.0.12 >> ~/.ssh/known_hosts), then compare its fingerprint with the one the console trusts for hv2.",
    });
    const changed = describePathFailure(CAPTURED.changed, ends);
    expect(changed?.message).toBe(
      'hv1 has another host key on record for hv2: the key hv2 presents has changed',
    );
    expect(changed?.fix).toContain("ssh-keygen -R '127.0.0.12'");
    const port2222 = describePathFailure(CAPTURED.changed, {
      ...ends,
      target: { ...target, port: 2222 },
    });
    expect(port2222?.fix).toContain("ssh-keygen -R '[127.0.0.12]:2222'");
  });

  it('words a refused key, a closed port, a bad name and a dead libvirt', () => {
    expect(describePathFailure(CAPTURED.publickey, ends)?.fix).toBe(
      "Add hv1's public key (~/.ssh/id_ed25519.pub, or the key in use, of user hv1 on hv1) to ~hv2/.ssh/authorized_keys on hv2.",
    );
    expect(describePathFailure(CAPTURED.refused, ends)?.message).toBe(
      'hv2 refused the connection from hv1 (127.0.0.12:22)',
    );
    expect(describePathFailure(CAPTURED.unresolved, ends)?.message).toBe(
      'hv1 cannot resolve the name 127.0.0.12',
    );
    expect(describePathFailure(CAPTURED.noDaemon, ends)?.message).toBe(
      'libvirt does not answer on hv2 at qemu:///session',
    );
    expect(
      describePathFailure('ssh: connect to host x port 22: Connection timed out', ends)?.message,
    ).toBe('hv1 cannot reach hv2 at 127.0.0.12:22: no answer');
  });

  it("leaves what it does not know to libvirt's words, with the command to rerun", () => {
    expect(describePathFailure(CAPTURED.killed, ends)).toBeUndefined();
    expect(describePathFailureOrRaw('error: something new\n', ends, 'virsh uri')).toEqual({
      message: 'hv1 cannot open libvirt on hv2 over SSH: something new',
      fix: 'On hv1, as user hv1, run `virsh uri` to see why.',
    });
  });
});

describe('migration progress', () => {
  it('reads reports split anywhere across chunks, once per value', () => {
    const seen: number[] = [];
    const progress = new MigrationProgress((p) => seen.push(p));
    const stderr =
      '\rMigration: [ 12 %]\rMigration: [ 12 %]\rMigration: [ 34 %]\rMigration: [100 %]';
    for (let i = 0; i < stderr.length; i += 5) progress.push(stderr.slice(i, i + 5));
    expect(seen).toEqual([12, 34, 100]);
    expect(withoutProgress(`${stderr}\nerror: boom\n`)).toBe('error: boom');
  });
});

describe('migration target', () => {
  it('reaches the same libvirt driver and path over SSH, without prompts', () => {
    expect(targetAddresses(target)).toEqual({
      libvirtUri: 'qemu+ssh://hv2@127.0.0.12:22/session?no_tty=1',
      uriHost: '127.0.0.12',
      address: '127.0.0.12',
    });
    const v6 = targetAddresses({ ...target, address: 'fd00::2', uri: 'qemu:///system' });
    expect(v6.libvirtUri).toBe('qemu+ssh://hv2@[fd00::2]:22/system?no_tty=1');
    expect(v6.uriHost).toBe('[fd00::2]');
  });

  it('refuses addresses and users that ssh would read as options or as something else', () => {
    for (const address of ['-oProxyCommand=x', 'a b', 'h@x', '']) {
      expect(() => targetAddresses({ ...target, address })).toThrow(/not a host name/);
    }
    for (const user of ['-l', 'a b', 'x@y']) {
      expect(() => targetAddresses({ ...target, user })).toThrow(/not a plain user name/);
    }
    expect(() => targetAddresses({ ...target, port: 0 })).toThrow(/not a TCP port/);
  });
});
