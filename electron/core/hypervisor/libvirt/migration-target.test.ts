import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HostId } from '../../../../shared/domain/ids';
import { AppError } from '../../../../shared/errors';
import type { RemoteShell } from '../../ssh/remote-shell';
import { DEFAULT_DRIVER_TIMEOUTS, virsh, type DriverContext } from './driver-context';
import { readFacts } from './libvirt-facts';
import { probeMigrationPath } from './libvirt-probe';
import { targetAddresses } from './migration-target';
import { LAB_TARGET } from '../../../testing/migration-target';

const target = { ...LAB_TARGET, uri: 'qemu:///system' };

/** A host that records every command it is asked to run and answers none. */
function recordingShell(): { shell: RemoteShell; ran: string[][] } {
  const ran: string[][] = [];
  const shell: RemoteShell = {
    exec: (argv) => {
      ran.push([...argv]);
      return Promise.resolve({ code: 1, stdout: '', stderr: 'error: not in this test' });
    },
    stream: (argv) => {
      ran.push([...argv]);
      return Promise.resolve({ close: () => undefined });
    },
  };
  return { shell, ran };
}

function context(shell: RemoteShell, uri: string): DriverContext {
  return {
    shell,
    hostId: 'lab-hv1' as HostId,
    hostName: 'hv1',
    uri,
    timeouts: DEFAULT_DRIVER_TIMEOUTS,
  };
}

describe("a target's URI parameters never reach the source's migration URI", () => {
  it.each([
    'qemu:///system?command=/tmp/evil',
    'qemu:///system?netcat=/tmp/nc',
    'qemu:///system?keyfile=/home/hv2/.ssh/other',
    'qemu:///system?socket=/s&Command=/tmp/evil',
  ])('a URI saved by an older version (%s) is refused with the reason, not run', async (uri) => {
    expect(() => targetAddresses({ ...target, uri })).toThrow(/may not carry \w+=.*edit hv2/);
    const { shell, ran } = recordingShell();
    const probe = await probeMigrationPath(context(shell, 'qemu:///system'), { ...target, uri });
    expect(probe.ok).toBe(false);
    expect(probe.ok ? '' : probe.message).toMatch(/may not carry/);
    expect(ran).toEqual([]); // the source host was asked to run nothing
  });

  it('keeps only no_tty=1, even from parameters the console accepts', () => {
    const uri = 'qemu:///system?socket=/run/libvirt/libvirt-sock&mode=direct';
    expect(targetAddresses({ ...target, uri }).libvirtUri).toBe(
      'qemu+ssh://hv2@127.0.0.12:22/system?no_tty=1',
    );
  });

  it('whatever the saved URI, the migration URI carries no parameter but no_tty=1', () => {
    const piece = fc.constantFrom(
      '?',
      '&',
      ';',
      '=',
      '#',
      '%',
      '/',
      'command',
      'no_tty',
      ' ',
      '@',
      ':',
    );
    const uri = fc.oneof(
      fc.string(),
      fc
        .array(fc.oneof(piece, fc.string({ maxLength: 5 })), { maxLength: 12 })
        .map((p) => `qemu:///${p.join('')}`),
    );
    fc.assert(
      fc.property(uri, (saved) => {
        let libvirtUri: string;
        try {
          libvirtUri = targetAddresses({ ...target, uri: saved }).libvirtUri;
        } catch (thrown) {
          expect(thrown).toBeInstanceOf(AppError);
          return;
        }
        expect(libvirtUri).toMatch(
          /^[a-z][a-z0-9]*\+ssh:\/\/hv2@127\.0\.0\.12:22\/[\w./-]*\?no_tty=1$/,
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe("a host's own URI the console refuses", () => {
  const uri = 'qemu:///system?command=/tmp/evil';

  it('is never passed to virsh', () => {
    const { shell } = recordingShell();
    expect(() => virsh(context(shell, uri), 'list')).toThrow(/may not carry command=.*Edit hv1/);
  });

  it('shows as the hypervisor layer problem, in words', async () => {
    const ran: string[][] = [];
    const facts = [
      'PRETTY_NAME="Debian"',
      '6.1.0',
      '10.0 20.0',
      '0.1 0.2 0.3 1/100 5',
      'hv1',
      '2',
      'model name : x',
      'MemTotal: 1024000 kB',
      '/usr/bin/virsh',
    ];
    const shell: RemoteShell = {
      exec: (argv) => {
        ran.push([...argv]);
        const separator = argv.at(-1) ?? '';
        return Promise.resolve({
          code: 0,
          stdout: facts.join(`\n${separator}\n`) + '\n',
          stderr: '',
        });
      },
      stream: () => Promise.resolve({ close: () => undefined }),
    };
    const read = await readFacts(context(shell, uri));
    expect(read.virtualLayer.status).toBe('not-answering');
    expect(read.virtualLayer.problem).toMatch(/may not carry command=.*Edit hv1 to correct it/);
    expect(ran.flat()).not.toContain(uri);
  });
});
