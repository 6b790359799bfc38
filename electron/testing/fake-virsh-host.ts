import type { HostId } from '../../shared/domain/ids';
import {
  DEFAULT_DRIVER_TIMEOUTS,
  type DriverContext,
} from '../core/hypervisor/libvirt/driver-context';
import type { ExecResult, RemoteShell } from '../core/ssh/remote-shell';

/**
 * A host 'hv1' (qemu:///session) whose every command is answered by `answer` and recorded: for unit
 * tests of the libvirt driver's reading and parsing, not proof of anything about real hosts.
 */
export function fakeVirshHost(answer: (argv: readonly string[]) => ExecResult): {
  ctx: DriverContext;
  ran: string[][];
} {
  const ran: string[][] = [];
  const shell: RemoteShell = {
    exec: (argv) => {
      ran.push([...argv]);
      return Promise.resolve(answer(argv));
    },
    stream: () => Promise.resolve({ close: () => undefined }),
  };
  const ctx: DriverContext = {
    shell,
    hostId: 'lab-hv1' as HostId,
    hostName: 'hv1',
    uri: 'qemu:///session',
    timeouts: DEFAULT_DRIVER_TIMEOUTS,
  };
  return { ctx, ran };
}

/** The sections of a virsh batch joined by the separator its script names (virsh-batch.ts). */
export function batchAnswer(script: string, sections: readonly string[], stderr = ''): ExecResult {
  const separator = /echo (@@federator-[0-9a-f]+@@)/.exec(script)?.[1] ?? '';
  return { code: 0, stdout: sections.join(`\n${separator}\n`), stderr };
}
