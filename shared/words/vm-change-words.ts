import type { LogLevel } from '../domain/log';
import type { VmChange, VmChangeKind } from '../domain/vm-change';

interface Said {
  level: LogLevel;
  text: string;
}

const info = (text: string): Said => ({ level: 'info', text });
const warning = (text: string): Said => ({ level: 'warning', text });
const error = (text: string): Said => ({ level: 'error', text });

/** What each kind says by default, and what libvirt's reason refines it to (reason in lower case). */
const WORDS: Record<VmChangeKind, { said: Said; by?: Record<string, Said> }> = {
  started: {
    said: info('started'),
    by: {
      snapshot: info('started from a snapshot'),
      'from snapshot': info('started from a snapshot'),
      'event wakeup': info('woke up'),
      recreation: info('started again (recreated)'),
    },
  },
  restored: { said: info('started from a saved state') },
  'migrated-in': { said: info('migrated in') },
  resumed: {
    said: info('resumed'),
    by: {
      snapshot: info('resumed from a snapshot'),
      'from snapshot': info('resumed from a snapshot'),
      'migration canceled': info('resumed: its migration was cancelled'),
      'save canceled': info('resumed: saving it was cancelled'),
      'post-copy error': error('resumed after its post-copy migration failed'),
      'post-copy failed': error('resumed after its post-copy migration failed'),
    },
  },
  paused: {
    said: info('paused'),
    by: {
      'i/o error': warning('paused after a disk I/O error'),
      watchdog: warning('paused by its watchdog'),
      'api error': warning('paused after a libvirt API error'),
      'post-copy error': error('paused: its post-copy migration failed'),
      'post-copy failed': error('paused: its post-copy migration failed'),
      crashed: error('crashed and is kept paused'),
      saving: info('paused to be saved'),
      dumping: info('paused for a memory dump'),
      snapshot: info('paused for a snapshot'),
      'from snapshot': info('paused for a snapshot'),
      'creating snapshot': info('paused for a snapshot'),
      'shutting down': info('paused while shutting down'),
      'starting up': info('paused while starting up'),
      restored: info('started from a saved state, paused'),
    },
  },
  'pm-suspended': {
    said: info('suspended itself (guest power management)'),
    by: {
      memory: info('suspended itself to memory'),
      disk: info('suspended itself to disk'),
    },
  },
  'shut-down': { said: info('shut down') },
  destroyed: { said: info('was forced off') },
  crashed: {
    said: error('crashed (it stopped unexpectedly)'),
    by: {
      failed: error('crashed (its QEMU process ended)'),
      panicked: error('crashed (its guest kernel panicked)'),
      crashloaded: error('crashed (its guest panicked and loaded a crash kernel)'),
    },
  },
  'migrated-out': { said: info('migrated out') },
  saved: { said: info('was saved to a file and stopped') },
  stopped: {
    said: info('stopped'),
    by: {
      snapshot: info('stopped for a snapshot'),
      'from snapshot': info('stopped for a snapshot'),
      daemon: warning('stopped by its libvirt daemon'),
      failed: error('failed to start'),
      recreation: info('stopped to be recreated'),
    },
  },
  defined: {
    said: info('defined'),
    by: { snapshot: info('defined from a snapshot') },
  },
  undefined: { said: info('undefined') },
  renamed: { said: info('renamed to this name') },
  gone: { said: warning('is no longer on the host') },
};

/** A VM change in words and the level it deserves: "crashed (its QEMU process ended)", error. */
export function vmChangeWords(change: Pick<VmChange, 'kind' | 'reason'>): Said {
  const entry = WORDS[change.kind];
  const refined = change.reason === undefined ? undefined : entry.by?.[change.reason.toLowerCase()];
  return refined ?? entry.said;
}

/** The log line of a VM change: "hv1: web-1 crashed (its QEMU process ended)". */
export function vmChangeMessage(hostName: string, vmName: string, change: VmChange): Said {
  const said = vmChangeWords(change);
  return { level: said.level, text: `${hostName}: ${vmName} ${said.text}` };
}

/**
 * The line's detail: libvirt's own words for an event, or what the listing showed when no event
 * named the change (the backstop poll found it, or the host was away when it happened).
 */
export function vmChangeDetail(
  change: VmChange,
  libvirtSaid: string | undefined,
): string | undefined {
  if (change.seenBy === 'event')
    return libvirtSaid === undefined ? undefined : `libvirt: ${libvirtSaid}`;
  return `No event named this change: a listing of the host showed it${libvirtSaid === undefined ? '' : ` (libvirt: ${libvirtSaid})`}.`;
}
