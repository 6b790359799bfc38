import type { HostState } from '../../../shared/domain/host';

/**
 * What can happen to a host link. The admin's (and the host registry's) requests, what the connection
 * attempt or the live connection reports, and the backoff timer.
 */
export type LinkEvent =
  /** The host registry starts following the host (once). */
  | 'open'
  /** The admin: drop whatever runs and connect again now, the backoff cleared. */
  | 'reconnect'
  /** The admin accepted the host key the host presented. */
  | 'trust'
  /** The admin: close the connection and stay closed. */
  | 'disconnect'
  /** Connected, and the hypervisor answers (again). */
  | 'hypervisor-ok'
  /** Connected, but facts or listing fail: libvirt missing, hung, or the commands cannot run. */
  | 'hypervisor-failing'
  /** The connection attempt was refused: a key never seen, a changed key, a refused login. */
  | 'key-unknown'
  | 'key-changed'
  | 'auth-refused'
  /** The host cannot be reached, or the connection was lost. */
  | 'down'
  /** The backoff delay after 'down' has passed. */
  | 'retry';

/**
 * What the link does on a transition, besides taking the new state:
 * - `end`: stop whatever runs (connection, attempt, retry timer) before the new state shows;
 * - `connect`: then start a connection attempt;
 * - `backoff`: schedule a 'retry' after the next backoff delay;
 * - `clear-backoff`: the next outage starts the backoff from its first step again.
 */
export type LinkEffect = 'end' | 'connect' | 'backoff' | 'clear-backoff';

export interface Transition {
  readonly to: HostState;
  readonly effects: readonly LinkEffect[];
}

const go = (to: HostState, ...effects: LinkEffect[]): Transition => ({ to, effects });

/** Asked by the admin in any state: connect again now, or stop. */
const ADMIN = {
  reconnect: go('connecting', 'clear-backoff', 'connect'),
  disconnect: go('disconnected', 'end'),
} as const;

/** Once a connection runs, it reports the hypervisor's health, or that it was lost. */
const LIVE = {
  'hypervisor-ok': go('connected'),
  'hypervisor-failing': go('hypervisor-problem'),
  down: go('unreachable', 'end', 'backoff'),
} as const;

/**
 * The state machine of one host link: for each state, the events it answers and where each leads.
 * An event a state does not list is ignored (a late report of an attempt already replaced).
 * Only 'unreachable' is retried by itself (with backoff); a refused login and an unknown or changed
 * host key wait for the admin (reconnect, trust, or an edit of the host).
 */
export const TRANSITIONS: Readonly<
  Record<HostState, Readonly<Partial<Record<LinkEvent, Transition>>>>
> = {
  disconnected: { open: go('connecting', 'connect'), ...ADMIN },
  connecting: {
    ...LIVE,
    'key-unknown': go('host-key-unknown', 'end'),
    'key-changed': go('host-key-changed', 'end'),
    'auth-refused': go('auth-failed', 'end'),
    ...ADMIN,
  },
  connected: { ...LIVE, ...ADMIN },
  'hypervisor-problem': { ...LIVE, ...ADMIN },
  unreachable: { retry: go('connecting', 'connect'), ...ADMIN },
  'auth-failed': { ...ADMIN },
  'host-key-unknown': { trust: go('connecting', 'clear-backoff', 'connect'), ...ADMIN },
  'host-key-changed': { ...ADMIN },
};

/** Where `event` leads from `state`, or undefined if the state does not answer it. */
export function transition(state: HostState, event: LinkEvent): Transition | undefined {
  return TRANSITIONS[state][event];
}

/** The only state in which VM actions and plan operations are carried out. */
export const SERVES_VMS: ReadonlySet<HostState> = new Set<HostState>(['connected']);
