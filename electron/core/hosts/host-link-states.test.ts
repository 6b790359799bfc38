import { describe, expect, it } from 'vitest';
import type { HostState } from '../../../shared/domain/host';
import { SERVES_VMS, TRANSITIONS, type LinkEvent } from './host-link-states';

const STATES = Object.keys(TRANSITIONS) as HostState[];
const ADMIN: readonly LinkEvent[] = ['reconnect', 'trust', 'disconnect'];
const exits = (state: HostState) =>
  Object.entries(TRANSITIONS[state]) as [LinkEvent, (typeof TRANSITIONS)[HostState][LinkEvent]][];

describe('host link state table', () => {
  it('has every state of a host, each with a way to reconnect and to disconnect', () => {
    expect(STATES.sort()).toEqual(
      [
        'auth-failed',
        'connected',
        'connecting',
        'disconnected',
        'host-key-changed',
        'host-key-unknown',
        'hypervisor-problem',
        'unreachable',
      ].sort(),
    );
    for (const state of STATES) {
      expect(TRANSITIONS[state].reconnect?.to, state).toBe('connecting');
      expect(TRANSITIONS[state].disconnect?.to, state).toBe('disconnected');
    }
  });

  it('reaches every state from disconnected, and leads nowhere outside the table', () => {
    const seen = new Set<HostState>(['disconnected']);
    const queue: HostState[] = ['disconnected'];
    while (queue.length > 0) {
      for (const [, step] of exits(queue.shift()!)) {
        expect(STATES).toContain(step!.to);
        if (seen.has(step!.to)) continue;
        seen.add(step!.to);
        queue.push(step!.to);
      }
    }
    expect([...seen].sort()).toEqual([...STATES].sort());
  });

  it('retries only unreachable by itself, with backoff', () => {
    const retried = STATES.filter((s) => exits(s).some(([event]) => event === 'retry'));
    expect(retried).toEqual(['unreachable']);
    const backingOff = STATES.flatMap((s) =>
      exits(s).filter(([, step]) => step!.effects.includes('backoff')),
    );
    expect(new Set(backingOff.map(([, step]) => step!.to))).toEqual(new Set(['unreachable']));
    expect(TRANSITIONS.unreachable.retry).toEqual({ to: 'connecting', effects: ['connect'] });
  });

  it('a refused login and an unknown or changed key wait for the admin: nothing else leaves them', () => {
    for (const state of ['auth-failed', 'host-key-unknown', 'host-key-changed'] as const) {
      const events = exits(state).map(([event]) => event);
      expect(
        events.every((event) => ADMIN.includes(event)),
        state,
      ).toBe(true);
      expect(exits(state).some(([, step]) => step!.effects.includes('backoff'))).toBe(false);
    }
    // Only a key never seen can be trusted; a changed one must be removed first.
    expect(TRANSITIONS['host-key-unknown'].trust?.to).toBe('connecting');
    expect(TRANSITIONS['host-key-changed'].trust).toBeUndefined();
  });

  it('a lost connection and a failing hypervisor are reported only while a connection runs', () => {
    for (const state of STATES) {
      const live =
        state === 'connecting' || state === 'connected' || state === 'hypervisor-problem';
      expect(TRANSITIONS[state].down !== undefined, state).toBe(live);
      expect(TRANSITIONS[state]['hypervisor-failing']?.to, state).toBe(
        live ? 'hypervisor-problem' : undefined,
      );
    }
    expect([...SERVES_VMS]).toEqual(['connected']);
  });

  it('every transition that starts a connection ends what ran before it', () => {
    for (const state of STATES) {
      for (const [event, step] of exits(state)) {
        if (step!.to === 'connecting')
          expect(step!.effects, `${state} ${event}`).toContain('connect');
        if (step!.to === 'disconnected')
          expect(step!.effects, `${state} ${event}`).toContain('end');
      }
    }
  });
});
