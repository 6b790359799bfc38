import { describe, expect, it } from 'vitest';
import type { Host, HostState } from '../../../shared/domain/host';
import { HostConfig } from '../../../shared/domain/host';
import { stateChangeLine } from './state-lines';

const config = HostConfig.parse({
  id: 'hv1-1',
  name: 'hv1',
  address: '10.0.0.1',
  port: 22,
  user: 'admin',
  uri: 'qemu:///system',
  labels: {},
  driver: 'libvirt',
});
const host = (state: HostState, stateDetail?: string): Host => ({
  config,
  state,
  ...(stateDetail ? { stateDetail } : {}),
});

describe('state-change log lines', () => {
  it('says once that a host became unreachable, however often it retries', () => {
    let logged: HostState | undefined;
    const lines: string[] = [];
    for (const state of [
      'connecting',
      'unreachable',
      'connecting',
      'unreachable',
      'connecting',
      'connected',
    ] as const) {
      const line = stateChangeLine(
        logged,
        host(state, state === 'unreachable' ? 'connection refused' : undefined),
      );
      if (line) {
        logged = state;
        lines.push(`${line.level} ${line.message}${line.detail ? ` (${line.detail})` : ''}`);
      }
    }
    expect(lines).toEqual(['error hv1: unreachable (connection refused)', 'info hv1: connected']);
  });

  it('does not say the host refused a key that was never offered to it', () => {
    const keyFile = (passphrase?: 'missing' | 'wrong'): Host => ({
      ...host('auth-failed', 'key trouble'),
      problem: { code: 'key-file', message: 'key trouble', ...(passphrase ? { passphrase } : {}) },
    });
    expect(stateChangeLine(undefined, keyFile('missing'))?.message).toBe(
      'hv1: waits for the passphrase of its key',
    );
    expect(stateChangeLine(undefined, keyFile('wrong'))).toMatchObject({
      level: 'warning',
      message: 'hv1: the passphrase given did not open its key',
    });
    expect(stateChangeLine(undefined, keyFile())?.message).toBe('hv1: could not use its key file');
    const refused: Host = {
      ...host('auth-failed', 'denied'),
      problem: { code: 'auth-failed', message: 'denied' },
    };
    expect(stateChangeLine(undefined, refused)?.message).toBe('hv1: refused our key');
  });
});
