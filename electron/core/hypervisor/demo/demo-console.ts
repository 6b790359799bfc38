import type { HostId, VmId } from '../../../../shared/domain/ids';
import { isActive } from '../../../../shared/domain/vm';
import { AppError } from '../../../../shared/errors';
import type { TerminalChannel, TerminalHandlers } from '../../ssh/remote-shell';
import type { DemoWorld } from './demo-world';

/**
 * A simulated serial console: a login banner and a shell prompt that echoes what is typed and
 * answers `echo`, `hostname` and `uname`; Ctrl+] ends it as virsh console's escape does. Enough to
 * show (and test) the console window without a lab.
 */
export function openDemoConsole(
  world: DemoWorld,
  hostId: HostId,
  vmId: VmId,
  handlers: TerminalHandlers,
): TerminalChannel {
  const host = world.host(hostId);
  const vm = host.vms.find((candidate) => candidate.id === vmId);
  const what = `Couldn't open the serial console of VM '${vm?.name ?? vmId}' on ${host.config.name}`;
  if (!vm) throw new AppError('not-found', `${what}: no such VM`, { hostId });
  if (!isActive(vm.state)) {
    throw new AppError('command-failed', `${what}: The domain is not running`, { hostId });
  }
  let line = '';
  let open = true;
  const say = (text: string): void => {
    if (open) queueMicrotask(() => handlers.onData(Buffer.from(text)));
  };
  const end = (): void => {
    if (!open) return;
    open = false;
    queueMicrotask(() => handlers.onClose({ code: 0 }));
  };
  const run = (command: string): string => {
    const [program = '', ...args] = command.trim().split(/\s+/);
    if (program === '') return '';
    if (program === 'echo') return `${args.join(' ')}\r\n`;
    if (program === 'hostname') return `${vm.name}\r\n`;
    if (program === 'uname') return 'Linux\r\n';
    return `sh: ${program}: not found\r\n`;
  };
  say(`Connected to domain '${vm.name}'\r\nEscape character is ^] (Ctrl + ])\r\n\r\n/ # `);
  return {
    write(data) {
      for (const char of data.toString()) {
        if (char === '\x1d') return end();
        if (char === '\r') {
          say(`\r\n${run(line)}/ # `);
          line = '';
        } else if (char === '\x7f') {
          if (line.length > 0) say('\b \b');
          line = line.slice(0, -1);
        } else if (char >= ' ') {
          line += char;
          say(char);
        }
      }
    },
    resize: () => undefined,
    pause: () => undefined,
    resume: () => undefined,
    close: () => end(),
  };
}
