import { describe, expect, it } from 'vitest';
import type { HostId, ServiceId, VmId } from '../../../shared/domain/ids';
import type { Vm, VmState } from '../../../shared/domain/vm';
import { vmChangeMessage } from '../../../shared/words/vm-change-words';
import type { VmEvent } from '../hypervisor/hypervisor-driver';
import { lifecycleEventOf } from '../hypervisor/libvirt/lifecycle-event';
import { parseEventLine } from '../hypervisor/libvirt/parse-event';
import { VmChangeTracker, type VmChangeRecord } from './vm-changes';

const vm = (name: string, state: VmState, stateReason?: string, extra: Partial<Vm> = {}): Vm => ({
  id: `uuid-${name}` as VmId,
  hostId: 'hv1' as HostId,
  name,
  state,
  ...(stateReason === undefined ? {} : { stateReason }),
  vcpus: 1,
  memoryMiB: 64,
  persistent: true,
  ...extra,
});

/** The event virsh would print for `domain`, read as the watch reads it. */
const event = (domain: string, said: string): VmEvent => {
  const parsed = parseEventLine(`event 'lifecycle' for domain '${domain}': ${said}`);
  const read = parsed && lifecycleEventOf(parsed);
  if (!read) throw new Error(`not an event: ${said}`);
  return read;
};

const lines = (records: readonly VmChangeRecord[]): string[] =>
  records.map((r) => `${vmChangeMessage('hv1', r.vmName, r.change).text} [${r.change.seenBy}]`);

describe('VM changes in the event log', () => {
  it('says nothing of the VMs a host already had when it was first listed', () => {
    const tracker = new VmChangeTracker();
    expect(tracker.listing([vm('web-1', 'running'), vm('db-1', 'shutoff')], 10)).toEqual([]);
  });

  it('says a crash once: the event first, the listing after it agrees', () => {
    const tracker = new VmChangeTracker();
    const service = 'shop' as ServiceId;
    tracker.listing([vm('web-1', 'running', 'booted', { service })], 0);
    const said = tracker.event(event('web-1', 'Stopped Failed'), 5);
    expect(lines(said)).toEqual(['hv1: web-1 crashed (its QEMU process ended) [event]']);
    expect(said[0]).toMatchObject({
      vmId: 'uuid-web-1',
      serviceId: 'shop',
      said: 'Stopped Failed',
    });
    expect(tracker.listing([vm('web-1', 'shutoff', 'crashed')], 6)).toEqual([]);
    // Poll after poll: nothing new.
    expect(tracker.listing([vm('web-1', 'shutoff', 'crashed')], 9000)).toEqual([]);
  });

  it('says a change once when the poll saw it before the event arrived', () => {
    const tracker = new VmChangeTracker();
    tracker.listing([vm('web-1', 'running')], 0);
    expect(lines(tracker.listing([vm('web-1', 'shutoff', 'crashed')], 10))).toEqual([
      'hv1: web-1 crashed (it stopped unexpectedly) [listing]',
    ]);
    expect(tracker.event(event('web-1', 'Stopped Failed'), 20)).toEqual([]);
  });

  it('does not believe a listing begun before an event about the same VM', () => {
    const tracker = new VmChangeTracker();
    tracker.listing([vm('web-1', 'running')], 0);
    expect(tracker.event(event('web-1', 'Stopped Destroyed'), 50)).toHaveLength(1);
    // A listing that began at 40 (before the event) still shows it running: no "started".
    expect(tracker.listing([vm('web-1', 'running')], 40)).toEqual([]);
    // The listing the event triggered shows it off: agreed, nothing said.
    expect(tracker.listing([vm('web-1', 'shutoff', 'destroyed')], 60)).toEqual([]);
    // Started again with no event (the stream was down): the poll says it.
    expect(lines(tracker.listing([vm('web-1', 'running', 'booted')], 70))).toEqual([
      'hv1: web-1 started [listing]',
    ]);
  });

  it('says a start, a shutdown, a pause and a resume, each once, from events and listings', () => {
    const tracker = new VmChangeTracker();
    tracker.listing([vm('a', 'shutoff')], 0);
    const said = [
      ...tracker.event(event('a', 'Started Booted'), 1),
      ...tracker.event(event('a', 'Resumed Unpaused'), 2), // part of the start: no second line
      ...tracker.listing([vm('a', 'running', 'booted')], 3),
      ...tracker.event(event('a', 'Suspended Paused'), 4),
      ...tracker.event(event('a', 'Resumed Unpaused'), 5),
      ...tracker.event(event('a', 'Shutdown Finished after guest request'), 6),
      ...tracker.event(event('a', 'Stopped Shutdown'), 7),
      ...tracker.listing([vm('a', 'shutoff', 'shutdown')], 8),
    ];
    expect(lines(said)).toEqual([
      'hv1: a started [event]',
      'hv1: a paused [event]',
      'hv1: a resumed [event]',
      'hv1: a shut down [event]',
    ]);
  });

  it('says a start as a start, though QEMU says "Resumed" before "Started" (seen on the lab)', () => {
    const tracker = new VmChangeTracker();
    tracker.listing([vm('a', 'shutoff')], 0);
    const said = [
      ...tracker.event(event('a', 'Resumed Unpaused'), 1),
      ...tracker.event(event('a', 'Started Booted'), 2),
    ];
    expect(lines(said)).toEqual(['hv1: a started [event]']);
  });

  it('says a live migration as "migrated out" on the source and "migrated in" on the target', () => {
    const source = new VmChangeTracker();
    const target = new VmChangeTracker();
    source.listing([vm('web-1', 'running')], 0);
    target.listing([], 0);
    const out = [
      ...source.event(event('web-1', 'Suspended Migrated'), 1),
      ...source.event(event('web-1', 'Stopped Migrated'), 2),
      ...source.event(event('web-1', 'Undefined Removed'), 3),
      ...source.listing([], 4),
    ];
    const into = [
      ...target.event(event('web-1', 'Started Migrated'), 1),
      ...target.event(event('web-1', 'Resumed Migrated'), 2),
      ...target.event(event('web-1', 'Defined Added'), 3),
      ...target.listing([vm('web-1', 'running', 'migrated')], 4),
    ];
    expect(lines(out)).toEqual(['hv1: web-1 migrated out [event]']);
    expect(lines(into)).toEqual(['hv1: web-1 migrated in [event]']);
  });

  it('says defined and undefined, and a VM that vanished while running', () => {
    const tracker = new VmChangeTracker();
    tracker.listing([vm('keep', 'running')], 0);
    expect(lines(tracker.event(event('new', 'Defined Added'), 1))).toEqual([
      'hv1: new defined [event]',
    ]);
    expect(tracker.listing([vm('keep', 'running'), vm('new', 'shutoff')], 2)).toEqual([]);
    expect(lines(tracker.event(event('new', 'Undefined Removed'), 3))).toEqual([
      'hv1: new undefined [event]',
    ]);
    expect(tracker.event(event('new', 'Undefined Removed'), 4)).toEqual([]);
    expect(tracker.listing([vm('keep', 'running')], 5)).toEqual([]);
    expect(lines(tracker.listing([vm('other', 'shutoff')], 6))).toEqual([
      'hv1: other defined [listing]',
      'hv1: keep is no longer on the host [listing]',
    ]);
  });

  it('keeps a persistent VM that is undefined while it runs as running (transient now)', () => {
    const tracker = new VmChangeTracker();
    tracker.listing([vm('t', 'running')], 0);
    expect(lines(tracker.event(event('t', 'Undefined Removed'), 1))).toEqual([
      'hv1: t undefined [event]',
    ]);
    expect(tracker.listing([vm('t', 'running', undefined, { persistent: false })], 2)).toEqual([]);
  });

  it('reads a listing for what the demo fleet and the poll see', () => {
    const tracker = new VmChangeTracker();
    tracker.listing([vm('a', 'running'), vm('b', 'running'), vm('c', 'shutoff')], 0);
    expect(
      lines(
        tracker.listing(
          [
            vm('a', 'shutoff', 'destroyed'),
            vm('b', 'paused', 'I/O error'),
            vm('c', 'running', 'restored'),
          ],
          1,
        ),
      ),
    ).toEqual([
      'hv1: a was forced off [listing]',
      'hv1: b paused after a disk I/O error [listing]',
      'hv1: c started from a saved state [listing]',
    ]);
    // A migration's last pause, shutting down and NOSTATE are no change.
    expect(
      tracker.listing(
        [vm('a', 'unknown'), vm('b', 'paused', 'I/O error'), vm('c', 'paused', 'migrating')],
        2,
      ),
    ).toEqual([]);
  });
});
