import { needsPassphrase, type Host, type HostState, type VmState } from '../../../shared/domain';
import type { Tone } from '../../ui/Badge';

export interface StateView {
  label: string;
  tone: Tone;
  /** Trouble: the admin has something to do (or to know) about this host. */
  trouble: boolean;
}

const HOST: Record<HostState, StateView> = {
  connected: { label: 'Connected', tone: 'ok', trouble: false },
  connecting: { label: 'Connecting', tone: 'busy', trouble: false },
  unreachable: { label: 'Unreachable', tone: 'danger', trouble: true },
  'auth-failed': { label: 'Auth failed', tone: 'danger', trouble: true },
  'host-key-unknown': { label: 'Verify host key', tone: 'warning', trouble: true },
  'host-key-changed': { label: 'Host key changed', tone: 'danger', trouble: true },
  'hypervisor-problem': { label: 'Hypervisor problem', tone: 'serious', trouble: true },
  disconnected: { label: 'Disconnected', tone: 'neutral', trouble: false },
};

export function hostStateView(state: HostState): StateView {
  return HOST[state];
}

/**
 * A host's badge: its state's, unless its problem says more. A key without its passphrase is not a
 * refusal by the host but a question for the admin, so it reads as one.
 */
export function hostView(host: Pick<Host, 'state' | 'problem'>): StateView {
  if (needsPassphrase(host)) {
    const wrong = host.problem?.passphrase === 'wrong';
    return {
      label: wrong ? 'Wrong passphrase' : 'Needs passphrase',
      tone: 'warning',
      trouble: true,
    };
  }
  return HOST[host.state];
}

const DEFAULT_REASON: Partial<Record<Host['state'], string>> = {
  unreachable: 'The host does not answer over SSH',
  'auth-failed': 'The host refused our SSH key',
  'host-key-unknown': 'New host key: confirm its fingerprint to connect',
  'host-key-changed': 'The host key changed: connection refused',
  'hypervisor-problem': 'libvirt is missing or not answering',
};

/** What is wrong, in a line: the host's own words if it gave any, else the state's usual cause. */
export function troubleReason(host: Host): string {
  const layerProblem =
    host.state === 'hypervisor-problem' ? host.facts?.value.virtualLayer.problem : undefined;
  return host.stateDetail ?? layerProblem ?? DEFAULT_REASON[host.state] ?? host.state;
}

/** Order of the summary and of "problems first": the worst first. */
export const HOST_STATE_ORDER: readonly HostState[] = [
  'host-key-changed',
  'auth-failed',
  'unreachable',
  'hypervisor-problem',
  'host-key-unknown',
  'connecting',
  'disconnected',
  'connected',
];

const VM: Record<VmState, { label: string; tone: Tone }> = {
  running: { label: 'Running', tone: 'ok' },
  paused: { label: 'Paused', tone: 'warning' },
  suspended: { label: 'Suspended', tone: 'warning' },
  shutoff: { label: 'Shut off', tone: 'neutral' },
  'shutting-down': { label: 'Shutting down', tone: 'busy' },
  blocked: { label: 'Blocked', tone: 'serious' },
  crashed: { label: 'Crashed', tone: 'danger' },
  unknown: { label: 'Unknown', tone: 'neutral' },
};

export function vmStateView(state: VmState): { label: string; tone: Tone } {
  return VM[state];
}
