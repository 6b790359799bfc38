import type { VmState } from '../../../../shared/domain/vm';

/** virDomainState, by the number `virsh domstats --raw` prints as state.state. */
const STATES: readonly VmState[] = [
  'unknown', // NOSTATE
  'running',
  'blocked',
  'paused',
  'shutting-down', // SHUTDOWN: being shut down
  'shutoff',
  'crashed',
  'suspended', // PMSUSPENDED
];

/** The reason enums of libvirt, one per state, in words (what `virsh domstate --reason` says). */
const REASONS: Readonly<Record<VmState, readonly string[]>> = {
  unknown: ['unknown'],
  running: [
    'unknown',
    'booted',
    'migrated',
    'restored',
    'from snapshot',
    'unpaused',
    'migration canceled',
    'save canceled',
    'event wakeup',
    'crashed',
    'post-copy',
    'post-copy failed',
  ],
  blocked: ['unknown'],
  paused: [
    'unknown',
    'user',
    'migrating',
    'saving',
    'dumping',
    'I/O error',
    'watchdog',
    'from snapshot',
    'shutting down',
    'creating snapshot',
    'crashed',
    'starting up',
    'post-copy',
    'post-copy failed',
    'api error',
  ],
  'shutting-down': ['unknown', 'user'],
  shutoff: [
    'unknown',
    'shutdown',
    'destroyed',
    'crashed',
    'migrated',
    'saved',
    'failed',
    'from snapshot',
    'daemon',
  ],
  crashed: ['unknown', 'panicked'],
  suspended: ['unknown'],
};

export function vmStateOf(code: number): VmState | undefined {
  return STATES[code];
}

/** The reason in words; undefined for "unknown" (nothing worth showing) or a code we don't know. */
export function stateReasonOf(state: VmState, code: number): string | undefined {
  const reason = REASONS[state][code];
  return reason === 'unknown' ? undefined : reason;
}
