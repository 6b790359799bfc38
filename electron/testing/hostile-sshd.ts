import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import ssh2, { type ServerChannel } from 'ssh2';
import { fingerprintOf } from '../core/ssh/host-key';

/**
 * A hostile host: an ssh2 Server on 127.0.0.1 (port 0) that runs no command but answers by what
 * the command line contains. `domstats` floods stdout with FLOOD_BYTES of stats-looking lines
 * (generated as the client's window allows, never held); `event` sends one newline-less line of
 * LONG_LINE_BYTES, then ordinary event lines; anything else prints `ok`. It runs in a child
 * process, so that its work costs neither the memory nor the event loop of the process measured.
 */
export interface HostileSshd {
  port: number;
  fingerprint: string;
  keyPath: string;
  /** What the child reported: `flood-ended <bytes sent>`, `exec <command>` … */
  readonly said: string[];
  /** Resolves with the next report that starts with `prefix`. */
  next(prefix: string): Promise<string>;
  stop(): void;
}

const MiB = 1024 * 1024;
const EVENT_LINE = "event 'lifecycle' for domain 'web-1': Started Booted\n";

export async function startHostileSshd(options: {
  floodBytes: number;
  longLineBytes: number;
}): Promise<HostileSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'federator-hostile-'));
  const keyPath = join(dir, 'id_ed25519');
  writeFileSync(keyPath, ssh2.utils.generateKeyPairSync('ed25519').private, { mode: 0o600 });
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url)],
    {
      env: {
        ...process.env,
        HOSTILE_FLOOD_BYTES: String(options.floodBytes),
        HOSTILE_LONG_LINE_BYTES: String(options.longLineBytes),
      },
      // Its stdin is a pipe from us: when we end (or crash), it ends too.
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const said: string[] = [];
  const waiters: { prefix: string; resolve: (line: string) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    said.push(line);
    const at = waiters.findIndex((w) => line.startsWith(w.prefix));
    if (at >= 0) waiters.splice(at, 1)[0]?.resolve(line);
  });
  const next = (prefix: string): Promise<string> =>
    new Promise((resolve) => waiters.push({ prefix, resolve }));
  const ready = await Promise.race([
    next('listening '),
    new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`hostile sshd exited (${code})`))),
    ),
  ]);
  const [, port, fingerprint] = ready.split(' ');
  return {
    port: Number(port),
    fingerprint: fingerprint ?? '',
    keyPath,
    said,
    next,
    stop: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Write `total` bytes made by `piece`, as fast as the channel's window lets us, until it closes. */
function pour(channel: ServerChannel, total: number, piece: Buffer, done: (sent: number) => void) {
  let sent = 0;
  let closed = false;
  channel.on('close', () => {
    if (!closed) done(sent);
    closed = true;
  });
  const more = (): void => {
    while (!closed && sent < total) {
      const chunk = piece.subarray(0, Math.min(piece.length, total - sent));
      sent += chunk.length;
      if (!channel.write(chunk)) {
        channel.once('drain', more);
        return;
      }
    }
    if (!closed) {
      closed = true;
      done(sent);
    }
  };
  more();
}

function end(channel: ServerChannel): void {
  channel.exit(0);
  channel.end();
}

function serve(): void {
  const floodBytes = Number(process.env.HOSTILE_FLOOD_BYTES);
  const longLineBytes = Number(process.env.HOSTILE_LONG_LINE_BYTES);
  const hostKey = ssh2.utils.generateKeyPairSync('ed25519').private;
  const parsed = ssh2.utils.parseKey(hostKey);
  if (parsed instanceof Error) throw parsed;
  const fingerprint = fingerprintOf(parsed.getPublicSSH());
  const stats = Buffer.from('  balloon.current=65536\n'.repeat(Math.ceil(MiB / 24)).slice(0, MiB));
  const word = Buffer.alloc(MiB, 'x');
  const report = (line: string): boolean => process.stdout.write(`${line}\n`);

  const server = new ssh2.Server({ hostKeys: [hostKey] }, (client) => {
    client.on('authentication', (ctx) => ctx.accept());
    client.on('error', () => undefined);
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('exec', (accept, _reject, info) => {
          const channel = accept();
          // Read stdin, or ssh2 never sees its end and never emits 'close' when the client closes.
          channel.resume();
          report(`exec ${info.command}`);
          if (info.command.includes('domstats')) {
            pour(channel, floodBytes, stats, (sent) => {
              report(`flood-ended ${sent}`);
              end(channel);
            });
          } else if (info.command.includes('event')) {
            pour(channel, longLineBytes, word, () => {
              channel.write(`\n${EVENT_LINE}${EVENT_LINE}`);
              report('long-line-sent');
              // Like `virsh event --loop`: nothing more until the client ends its stdin.
              channel.on('end', () => end(channel));
            });
          } else {
            channel.write('ok\n');
            end(channel);
          }
        });
      });
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    report(`listening ${port} ${fingerprint}`);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdin.on('close', () => process.exit(0)).resume();
  serve();
}
