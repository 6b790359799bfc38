import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { remoteTimeoutGraceMs, stoppableByEof, withRemoteTimeout } from './remote-wrappers';

/** Run argv locally the way sshd would (no shell in between here: argv is already split). */
function run(argv: readonly string[]): {
  done: Promise<{ code: number | null; out: string }>;
  eof(): void;
} {
  const [program = '', ...args] = argv;
  const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return {
    done: new Promise((resolve) => child.on('close', (code) => resolve({ code, out }))),
    eof: () => child.stdin.end(),
  };
}

describe('remote wrappers', () => {
  it('a stream command ends when its stdin closes, and nothing is left running', async () => {
    const started = performance.now();
    const stream = run(stoppableByEof(['sh', '-c', 'echo up; exec sleep 30']));
    await new Promise((r) => setTimeout(r, 200));
    stream.eof();
    const { out } = await stream.done;
    expect(out).toBe('up\n');
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
      'timeout',
      '-k',
      '2',
      '16',
      'virsh',
      'list',
    ]);
    expect(withRemoteTimeout(['true'], 400)).toEqual(['timeout', '-k', '2', '2', 'true']);
    expect(remoteTimeoutGraceMs(400)).toBe(1_600 + 2_000 + 1_000);
  });
});
