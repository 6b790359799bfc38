import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import type { Envelope } from '../../shared/contract/envelope';
import type { EventChannel, EventOf } from '../../shared/contract/events';
import type { RequestChannel, RequestOf, ResponseOf } from '../../shared/contract/requests';
import { ServerMessage } from '../../shared/contract/wire';
import { AppError } from '../../shared/errors';

const ROOT = resolve(import.meta.dirname, '../..');

/** The web console as a real child process, for tests that kill it. */
export interface ConsoleProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Everything it printed, for failure reports. */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Start `electron/web/cli.ts` on a free port and wait for its ready line. Node runs it with tsx as
 * an import hook (not through the tsx or npx launchers), so `pid` is the console itself: a SIGKILL
 * sent to it kills the process that holds the journal, not a wrapper that would leave it running.
 */
export async function startConsole(dataDir: string, timeoutMs = 60_000): Promise<ConsoleProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/web/cli.ts', '--port', '0', '--data-dir', dataDir, '--no-demo'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
  const url = await new Promise<string>((ready, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`console not ready in ${timeoutMs} ms:\n${output.join('\n')}`));
    }, timeoutMs);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`console exited (${code ?? signal}) before ready:\n${output.join('\n')}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const match = /^FEDERATOR_READY (.*)$/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        ready((JSON.parse(match[1]) as { url: string }).url);
      }
    });
  });
  if (child.pid === undefined) throw new Error('the console has no pid');
  return { child, pid: child.pid, url, output, exited };
}

/** A window's side of the WebSocket contract: typed invoke, and every event kept in order. */
export interface WsClient {
  invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Every event received so far, in order. */
  events: { channel: EventChannel; event: unknown; at: number }[];
  /** Resolve with the first event (past or future) on `channel` that satisfies `test`. */
  waitFor<C extends EventChannel>(
    channel: C,
    test: (event: EventOf<C>) => boolean,
    timeoutMs?: number,
  ): Promise<EventOf<C>>;
  close(): void;
}

/** Connect as the console's own page would: its token, its Origin. */
export async function connectWs(consoleUrl: string): Promise<WsClient> {
  const page = new URL(consoleUrl);
  const token = page.searchParams.get('token') ?? '';
  const ws = new WebSocket(`ws://${page.host}/ws?token=${encodeURIComponent(token)}`, {
    origin: `http://${page.host}`,
  });
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const events: WsClient['events'] = [];
  const watchers = new Set<() => void>();
  ws.on('message', (data: Buffer) => {
    const message = ServerMessage.parse(JSON.parse(data.toString('utf8')));
    if (message.type === 'result') {
      pending.get(message.id)?.(message.envelope as Envelope<unknown>);
      pending.delete(message.id);
      return;
    }
    events.push({ channel: message.channel as EventChannel, event: message.event, at: Date.now() });
    for (const wake of watchers) wake();
  });
  await new Promise<void>((open, fail) => {
    ws.once('open', () => open());
    ws.once('error', fail);
  });
  let next = 1;
  return {
    events,
    invoke(channel, request) {
      const id = next++;
      return new Promise((answer, fail) => {
        pending.set(id, (envelope) => {
          if (envelope.ok) answer(envelope.value as ResponseOf<typeof channel>);
          else fail(AppError.fromData(envelope.error));
        });
        ws.send(JSON.stringify({ type: 'invoke', id, channel, request }));
      });
    },
    waitFor(channel, test, timeoutMs = 60_000) {
      const find = () =>
        events.find((e) => e.channel === channel && test(e.event as EventOf<typeof channel>));
      return new Promise((found, fail) => {
        const check = (): void => {
          const hit = find();
          if (!hit) return;
          cleanup();
          found(hit.event as EventOf<typeof channel>);
        };
        const timer = setTimeout(() => {
          cleanup();
          fail(new Error(`no ${channel} event as wanted within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        watchers.add(check);
        check();
      });
    },
    close: () => ws.close(),
  };
}

/** The consoles one test starts on one data folder, each with its socket. */
export interface ConsoleStarter {
  open(): Promise<{ proc: ConsoleProcess; ws: WsClient }>;
  /** Close the sockets; end each console still running (TERM, KILL after 10 s): only these. */
  stopAll(): Promise<void>;
}

export function consoleStarter(dataDir: string): ConsoleStarter {
  const started: ConsoleProcess[] = [];
  const clients: WsClient[] = [];
  return {
    async open() {
      const proc = await startConsole(dataDir);
      started.push(proc);
      const ws = await connectWs(proc.url);
      clients.push(ws);
      return { proc, ws };
    },
    async stopAll() {
      for (const ws of clients) ws.close();
      for (const proc of started) {
        if (proc.child.exitCode !== null || proc.child.signalCode !== null) continue;
        proc.child.kill('SIGTERM'); // only the consoles this test started, by their own handle
        const timer = setTimeout(() => proc.child.kill('SIGKILL'), 10_000);
        await proc.exited;
        clearTimeout(timer);
      }
    },
  };
}
