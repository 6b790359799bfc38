import type { Client, ClientChannel } from 'ssh2';
import { AppError } from '../../../shared/errors';
import { toCommandLine } from './quote';
import type { TerminalChannel, TerminalHandlers, TerminalSize } from './remote-shell';

/** How long a closed terminal's program may take to end before we close its channel ourselves. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Open an exec channel with a pseudo-terminal (an interactive program: `virsh console`). It takes
 * no slot of the command queue: a console held open for an hour must not starve the polls. The
 * caller bounds how many are open; `track` hears when it ends, however it ends.
 */
export async function openTerminal(
  client: Client,
  argv: readonly string[],
  size: TerminalSize,
  handlers: TerminalHandlers,
  hostName: string,
): Promise<{ channel: TerminalChannel; abandon: (error: AppError) => void }> {
  const pty = { cols: size.cols, rows: size.rows, height: 0, width: 0, term: 'xterm-256color' };
  const channel = await new Promise<ClientChannel>((resolve, reject) => {
    client.exec(toCommandLine(argv), { pty }, (error, opened) =>
      error ? reject(error) : resolve(opened),
    );
  }).catch((thrown: unknown) => {
    throw new AppError(
      'command-failed',
      `Couldn't open a terminal channel on ${hostName}: ${String(thrown)}`,
      { cause: thrown },
    );
  });
  let code: number | null = null;
  let ended = false;
  let force: NodeJS.Timeout | undefined;
  const end = (error?: AppError): void => {
    if (ended) return;
    ended = true;
    clearTimeout(force);
    handlers.onClose(error === undefined ? { code } : { code, error });
  };
  channel.on('data', (chunk: Buffer) => handlers.onData(chunk));
  // With a pty the program's stderr is the terminal too; a server may still send some apart.
  channel.stderr.on('data', (chunk: Buffer) => handlers.onData(chunk));
  channel.on('exit', (status: unknown) => {
    code = typeof status === 'number' ? status : null;
  });
  channel.on('close', () => end());
  return {
    abandon: (error) => end(error),
    channel: {
      write: (data) => {
        if (!ended) channel.write(data);
      },
      resize: ({ cols, rows }) => {
        if (!ended) channel.setWindow(rows, cols, 0, 0);
      },
      pause: () => channel.pause(),
      resume: () => channel.resume(),
      close: (farewell) => {
        if (ended || force !== undefined) return;
        if (farewell !== undefined) channel.write(farewell);
        channel.end();
        // Closing the channel hangs up the pty, which ends the program on the host.
        force = setTimeout(() => channel.close(), CLOSE_GRACE_MS);
        force.unref();
      },
    },
  };
}
