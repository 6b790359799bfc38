import { describe, expect, it } from 'vitest';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Vm, VmState } from '../../../shared/domain/vm';
import type { VmEvent } from '../hypervisor/hypervisor-driver';
import { applyEvent, keepNewerEvents, stateAfterEvent } from './event-state';

const vm = (name: string, state: VmState, extra: Partial<Vm> = {}): Vm => ({
  id: `id-${name}` as VmId,
  hostId: 'h1' as HostId,
  name,
  state,
  vcpus: 1,
  memoryMiB: 64,
  persistent: true,
  ...extra,
});
const event = (domain: string, said: string, rest: Partial<VmEvent>): VmEvent => ({
  domain,
  said,
  ...rest,
});
const suspended = event('web', 'Suspended Paused', {
  phase: 'paused',
  kind: 'paused',
  reason: 'user',
});
const resumed = event('web', 'Resumed Unpaused', { phase: 'running', kind: 'resumed' });
const started = event('web', 'Started Booted', { phase: 'running', kind: 'started' });
const destroyed = event('web', 'Stopped Destroyed', { phase: 'off', kind: 'destroyed' });
const crashed = event('web', 'Stopped Crashed', {
  phase: 'off',
  kind: 'crashed',
  reason: 'crashed',
});

describe('the state an event leaves a listed VM in', () => {
  it('is said for pause, resume of a paused VM, start of a stopped one, stop and crash', () => {
    expect(stateAfterEvent(vm('web', 'running'), suspended)).toBe('paused');
    expect(stateAfterEvent(vm('web', 'paused'), resumed)).toBe('running');
    expect(stateAfterEvent(vm('web', 'shutoff'), started)).toBe('running');
    expect(stateAfterEvent(vm('web', 'running'), destroyed)).toBe('shutoff');
    expect(stateAfterEvent(vm('web', 'running'), crashed)).toBe('crashed');
  });

  it('is left to the listing when the event alone cannot tell', () => {
    // QEMU sends "Resumed Unpaused" while a VM starts: from shut off, only the listing knows.
    expect(stateAfterEvent(vm('web', 'shutoff'), resumed)).toBeUndefined();
    expect(stateAfterEvent(vm('web', 'running'), started)).toBeUndefined();
    const steps: VmEvent[] = [
      event('web', 'Suspended Migrated', {}),
      event('web', 'Started Migrated', { phase: 'running', kind: 'migrated-in' }),
      event('web', 'Stopped Migrated', { phase: 'off', kind: 'migrated-out' }),
      event('web', 'Undefined Removed', { phase: 'absent', kind: 'undefined' }),
      event('web', 'Defined Added', { phase: 'off', kind: 'defined' }),
    ];
    for (const step of steps) expect(stateAfterEvent(vm('web', 'running'), step)).toBeUndefined();
  });
});

describe('applyEvent', () => {
  it('changes only the VM the event names, with the event reason in place of the listed one', () => {
    const db = vm('db', 'running');
    const next = applyEvent([vm('web', 'running', { stateReason: 'booted' }), db], suspended);
    expect(next?.map((v) => [v.name, v.state, v.stateReason])).toEqual([
      ['web', 'paused', 'user'],
      ['db', 'running', undefined],
    ]);
    expect(next?.[1]).toBe(db);
  });

  it('is undefined for an unknown domain or a state already shown', () => {
    expect(applyEvent([vm('db', 'running')], suspended)).toBeUndefined();
    expect(applyEvent([vm('web', 'paused')], suspended)).toBeUndefined();
  });
});

describe('keepNewerEvents', () => {
  const shown = [vm('web', 'paused', { stateReason: 'user' }), vm('db', 'running')];
  const listed = [vm('web', 'running', { stateReason: 'unpaused' }), vm('db', 'shutoff')];

  it('keeps the state of an event shown after the listing began, for that VM only', () => {
    const kept = keepNewerEvents(listed, shown, new Map([['web', 120]]), 100);
    expect(kept.map((v) => [v.name, v.state, v.stateReason])).toEqual([
      ['web', 'paused', 'user'],
      ['db', 'shutoff', undefined],
    ]);
  });

  it('believes a listing begun after the event', () => {
    expect(keepNewerEvents(listed, shown, new Map([['web', 90]]), 100)).toEqual(listed);
  });

  it('does not lend the state to another domain of the same name', () => {
    const other = [vm('web', 'running', { id: 'id-new' as VmId })];
    expect(keepNewerEvents(other, shown, new Map([['web', 120]]), 100)).toEqual(other);
  });
});
