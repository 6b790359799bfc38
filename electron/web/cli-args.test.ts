import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseCliArgs } from './cli-args';

const parse = (argv: string[], env: Record<string, string> = {}) =>
  parseCliArgs(argv, env, '/home/ada', '/work');

describe('web shell flags', () => {
  it('defaults to the fixed port, the desktop data folder, and the demo', () => {
    expect(parse([])).toEqual({
      kind: 'run',
      port: DEFAULT_PORT,
      portGiven: false,
      dataDir: '/home/ada/.config/federator',
      demo: true,
    });
    expect(parse([], { XDG_CONFIG_HOME: '/cfg' })).toMatchObject({ dataDir: '/cfg/federator' });
    expect(parse([], { XDG_CONFIG_HOME: 'relative' })).toMatchObject({
      dataDir: '/home/ada/.config/federator',
    });
  });

  it('reads --port, --data-dir and --no-demo in both spellings', () => {
    expect(parse(['--port', '0', '--data-dir', 'data', '--no-demo'])).toEqual({
      kind: 'run',
      port: 0,
      portGiven: true,
      dataDir: '/work/data',
      demo: false,
    });
    expect(parse(['--port=8080', '--data-dir=/tmp/x'])).toMatchObject({
      port: 8080,
      dataDir: '/tmp/x',
    });
  });

  it('refuses what it does not understand, in words', () => {
    expect(parse(['--port', 'eighty'])).toMatchObject({ kind: 'error' });
    expect(JSON.stringify(parse(['--port', 'eighty']))).toMatch(/--port wants a port number/);
    expect(parse(['--port', '70000'])).toMatchObject({ kind: 'error' });
    expect(JSON.stringify(parse(['--bind', '0.0.0.0']))).toMatch(/"kind":"error".*--bind/);
    expect(parse(['-h'])).toEqual({ kind: 'help' });
  });

  it('reads --demo-size into the demo fleet, and refuses a bad one in one sentence', () => {
    expect(parse(['--demo-size', '1000x10'])).toMatchObject({
      kind: 'run',
      demoFleet: { hosts: 1000, vmsPerHost: 10 },
    });
    expect(parse(['--demo-size=12x0'])).toMatchObject({ demoFleet: { hosts: 12, vmsPerHost: 0 } });
    expect(parse(['--demo-size', 'huge'])).toEqual({
      kind: 'error',
      message:
        '--demo-size wants hosts x VMs per host, like 1000x10 (1 to 2,000 hosts, 0 to 50 VMs per host), not "huge"',
    });
  });

  it('reads --auto-recovery-grace in seconds, and refuses anything but whole seconds', () => {
    expect(parse(['--auto-recovery-grace', '0'])).toMatchObject({ autoRecoveryGraceMs: 0 });
    expect(parse(['--auto-recovery-grace=600'])).toMatchObject({ autoRecoveryGraceMs: 600_000 });
    expect(parse([])).not.toHaveProperty('autoRecoveryGraceMs');
    for (const bad of ['', '-1', '1.5', 'soon', '86401']) {
      expect(parse([`--auto-recovery-grace=${bad}`])).toEqual({
        kind: 'error',
        message: `--auto-recovery-grace wants whole seconds (0 to 86400), not "${bad}"`,
      });
    }
  });
});
