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
});
