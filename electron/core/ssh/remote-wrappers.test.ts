import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { remoteTimeoutGraceMs, stoppableByEof, withRemoteTimeout } from './remote-wrappers';

/** Run argv locally the way sshd would (no shell in between here: argv is already split). */
function run(argv: readonly string[]): {
  done: Promise<{ code: number | null; out: string }>;
  firstLine: Promise<string>;
  eof(): void;
} {
  const [program = '', ...args] = argv;
  // stderr is piped, not inherited: the wrapper's sh reports the job it killed ("Terminated"),
  // which on a host goes to the channel's stderr, not to this test's output.
  const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.resume();
  let out = '';
  let lineSeen: (line: string) => void = () => undefined;
  const firstLine = new Promise<string>((resolve) => (lineSeen = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('\n')) lineSeen(out.slice(0, out.indexOf('\n')));
  });
  return {
    done: new Promise((resolve) => child.on('close', (code) => resolve({ code, out }))),
    firstLine,
    eof: () => child.stdin.end(),
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false; // ESRCH: no such process
  }
}

describe('remote wrappers', () => {
  it('a stream command ends when its stdin closes, and nothing is left running', async () => {
    const started = performance.now();
    // The inner sh prints its PID, then becomes `sleep 30` under the same PID.
    const stream = run(stoppableByEof(['sh', '-c', 'echo $$; exec sleep 30']));
    const pid = Number(await stream.firstLine); // ready: the command runs
    expect(isRunning(pid)).toBe(true);
    stream.eof();
    const { out } = await stream.done;
    expect(out).toBe(`${pid}\n`);
    expect(isRunning(pid)).toBe(false); // killed and reaped before the wrapper exits
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('a stream command that ends by itself ends the stream with its status and output', async () => {
    const stream = run(
      stoppableByEof(['sh', '-c', "printf '%s\\n' \"it's $1\"; exit 5", 'sh', '$(x)']),
    );
    expect(await stream.done).toEqual({ code: 5, out: "it's $(x)\n" });
  });

  it('the host-side timeout ends a command just after our own deadline', () => {
    expect(withRemoteTimeout(['virsh', 'list'], 15_000)).toEqual([
      'env',
      'LC_ALL=C.UTF-8',
      'timeout',
      '-k',
      '2',
      '16',
      'virsh',
      'list',
    ]);
    expect(withRemoteTimeout(['true'], 400)).toEqual([
      'env',
      'LC_ALL=C.UTF-8',
      'timeout',
      '-k',
      '2',
      '2',
      'true',
    ]);
    expect(remoteTimeoutGraceMs(400)).toBe(1_600 + 2_000 + 1_000);
  });

  it("runs every command in C.UTF-8, whatever the host's language (virsh's words are parsed)", async () => {
    const saved = process.env.LC_ALL;
    process.env.LC_ALL = 'fr_FR.UTF-8'; // what pam_env gives an exec on a French host
    try {
      const once = run(withRemoteTimeout(['sh', '-c', 'echo "$LC_ALL"'], 5_000));
      expect((await once.done).out).toBe('C.UTF-8\n');
      const stream = run(stoppableByEof(['sh', '-c', 'echo "$LC_ALL"']));
      expect((await stream.done).out).toBe('C.UTF-8\n');
    } finally {
      if (saved === undefined) delete process.env.LC_ALL;
      else process.env.LC_ALL = saved;
    }
  });
});
