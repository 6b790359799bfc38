import type { VmChangeKind, VmPhase } from '../../../../shared/domain/vm-change';
import type { VmEvent } from '../hypervisor-driver';
import type { VirshEvent } from './parse-event';

/** One libvirt detail: the phase the VM is in after it, and the line it deserves (none: silent). */
type Meaning = { phase?: VmPhase; kind?: VmChangeKind; reason?: string };

const running = (kind?: VmChangeKind, reason?: string): Meaning => ({
  phase: 'running',
  ...(kind === undefined ? {} : { kind }),
  ...(reason === undefined ? {} : { reason }),
});
const paused = (reason: string): Meaning => ({ phase: 'paused', kind: 'paused', reason });
const off = (kind: VmChangeKind, reason?: string): Meaning => ({
  phase: 'off',
  kind,
  ...(reason === undefined ? {} : { reason }),
});

/**
 * Every lifecycle event and detail `virsh event` prints (virsh-domain-event.c, in English), with
 * its meaning. Steps of a migration (Suspended/Resumed Migrated, Post-copy) and of a shutdown
 * (Shutdown Finished, always followed by Stopped) say nothing of their own: the line comes with
 * the step that ends them.
 */
const MEANINGS: Readonly<Record<string, Readonly<Record<string, Meaning>>>> = {
  Defined: {
    Added: { phase: 'off', kind: 'defined' },
    Updated: {},
    Renamed: { phase: 'off', kind: 'renamed' },
    Snapshot: { phase: 'off', kind: 'defined', reason: 'snapshot' },
  },
  Undefined: {
    Removed: { phase: 'absent', kind: 'undefined' },
    Renamed: { phase: 'absent' },
  },
  Started: {
    Booted: running('started', 'booted'),
    Migrated: running('migrated-in'),
    Restored: running('restored'),
    Snapshot: running('started', 'snapshot'),
    'Event wakeup': running('started', 'event wakeup'),
    Recreation: running('started', 'recreation'),
  },
  Suspended: {
    Paused: paused('user'),
    Migrated: {},
    'I/O Error': paused('I/O error'),
    Watchdog: paused('watchdog'),
    Restored: paused('restored'),
    Snapshot: paused('snapshot'),
    'API error': paused('api error'),
    'Post-copy': {},
    'Post-copy Error': paused('post-copy error'),
  },
  Resumed: {
    Unpaused: running('resumed', 'unpaused'),
    Migrated: running(),
    Snapshot: running('resumed', 'snapshot'),
    'Post-copy': running(),
    'Post-copy Error': running('resumed', 'post-copy error'),
  },
  Stopped: {
    Shutdown: off('shut-down'),
    Destroyed: off('destroyed'),
    Crashed: off('crashed', 'crashed'),
    Migrated: off('migrated-out'),
    Saved: off('saved'),
    Failed: off('crashed', 'failed'),
    Snapshot: off('stopped', 'snapshot'),
    Recreation: off('stopped', 'recreation'),
  },
  Shutdown: {
    Finished: {},
    'Finished after guest request': {},
    'Finished after host request': {},
  },
  PMSuspended: {
    Memory: { phase: 'paused', kind: 'pm-suspended', reason: 'memory' },
    Disk: { phase: 'paused', kind: 'pm-suspended', reason: 'disk' },
  },
  Crashed: {
    Panicked: off('crashed', 'panicked'),
    Crashloaded: off('crashed', 'crashloaded'),
  },
};

/**
 * A lifecycle event of one domain, as the event log reads it; undefined for any other event, a
 * lifecycle line that names no domain, or words this table does not know (another language, a
 * newer libvirt): the listing that every event triggers still shows the change.
 */
export function lifecycleEventOf(event: VirshEvent): VmEvent | undefined {
  if (event.type !== 'lifecycle' || event.domain === undefined || event.domain === '') {
    return undefined;
  }
  const space = event.detail.indexOf(' ');
  if (space <= 0) return undefined;
  const what = event.detail.slice(0, space);
  const detail = event.detail.slice(space + 1);
  const byDetail = Object.hasOwn(MEANINGS, what) ? MEANINGS[what] : undefined;
  const meaning = byDetail && Object.hasOwn(byDetail, detail) ? byDetail[detail] : undefined;
  if (meaning === undefined) return undefined;
  return { domain: event.domain, said: event.detail, ...meaning };
}
