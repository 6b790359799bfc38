import { spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { toCommandLine } from '../../ssh/quote';
import { reachAnswerOf, reachProbeArgv } from './libvirt-reach';

/** Run the probe as a peer's sshd would: its command line through `sh -c`. */
function runHere(address: string, port: number): WitnessResult {
  const run = spawnSync('sh', ['-c', toCommandLine(reachProbeArgv(address, port))], {
    encoding: 'utf8',
  });
  return { code: run.status, stderr: run.stderr };
}
type WitnessResult = { code: number | null; stderr: string };

describe('reach probe run on a peer', () => {
  it('reaches a listening port and is refused by a closed one (bash /dev/tcp, here)', async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      expect(reachAnswerOf(runHere('127.0.0.1', port))).toBe('reaches');
    } finally {
      await new Promise((done) => server.close(done));
    }
    expect(reachAnswerOf(runHere('127.0.0.1', port))).toBe('refused');
  });

  it('keeps a hostile address one argument: nothing of it runs', () => {
    const hostile = `127.0.0.1/1; touch /tmp/federator-pwned-reach $(id)`;
    const line = toCommandLine(reachProbeArgv(hostile, 22));
    expect(line).toContain(`'${hostile}'`);
    const result = runHere(hostile, 22);
    expect(reachAnswerOf(result)).not.toBe('reaches');
    expect(spawnSync('test', ['-e', '/tmp/federator-pwned-reach']).status).toBe(1);
  });

  it('reads timeout, unreachable and a missing program', () => {
    expect(reachAnswerOf({ code: 124, stderr: '' })).toBe('silent');
    expect(reachAnswerOf({ code: 1, stderr: 'bash: connect: No route to host' })).toBe('silent');
    expect(reachAnswerOf({ code: 127, stderr: 'bash: command not found' })).toBe('unasked');
    expect(reachAnswerOf({ code: 1, stderr: 'bash: connect: Connection refused' })).toBe('refused');
  });
});
