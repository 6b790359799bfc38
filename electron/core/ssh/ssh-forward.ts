import type { Client, ClientChannel } from 'ssh2';
import { AppError } from '../../../shared/errors';
import type { TerminalChannel, TerminalHandlers } from './remote-shell';

/**
 * A TCP stream to `address:port` as the host itself sees it (an SSH "direct-tcpip" channel, what
 * `ssh -L` uses): a guest's VNC listener on the host's loopback is reached through the connection
 * the console already has, and no port is opened on the network. Shaped like a terminal (bytes in
 * both ways, pause and resume for backpressure) so the console manager holds it like one.
 */
export async function openForward(
  client: Client,
  address: string,
  port: number,
  handlers: TerminalHandlers,
  hostName: string,
): Promise<{ channel: TerminalChannel; abandon: (error: AppError) => void }> {
  const channel = await new Promise<ClientChannel>((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, address, port, (error, opened) =>
      error ? reject(error) : resolve(opened),
    );
  }).catch((thrown: unknown) => {
    throw forwardRefused(thrown, hostName, address, port);
  });
  let ended = false;
  const end = (error?: AppError): void => {
    if (ended) return;
    ended = true;
    handlers.onClose(error === undefined ? { code: null } : { code: null, error });
  };
  channel.on('data', (chunk: Buffer) => handlers.onData(chunk));
  channel.on('close', () => end());
  return {
    abandon: (error) => end(error),
    channel: {
      write: (data) => {
        if (!ended) channel.write(data);
      },
      resize: () => undefined, // a stream has no size: the guest's screen sets it
      pause: () => channel.pause(),
      resume: () => channel.resume(),
      close: () => {
        if (!ended) channel.close();
      },
    },
  };
}

/** sshd's refusal in words: "administratively prohibited" is AllowTcpForwarding no. */
function forwardRefused(
  thrown: unknown,
  hostName: string,
  address: string,
  port: number,
): AppError {
  const said = thrown instanceof Error ? thrown.message : String(thrown);
  const where = `${address}:${port}`;
  if (/administratively prohibited/i.test(said)) {
    return new AppError(
      'command-failed',
      `${hostName}'s sshd does not allow forwarding to ${where} (AllowTcpForwarding is off for this user): turn it on in sshd_config to see graphical consoles`,
      { cause: thrown, detail: said },
    );
  }
  if (/connect failed|refused/i.test(said)) {
    return new AppError(
      'command-failed',
      `nothing answers at ${where} on ${hostName} (the guest's display may have just stopped)`,
      { cause: thrown, detail: said },
    );
  }
  return new AppError('command-failed', `Couldn't reach ${where} on ${hostName}: ${said}`, {
    cause: thrown,
  });
}
