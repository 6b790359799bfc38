import { needsPassphrase, type Host, type HostState, type VmState } from '../../../shared/domain';
import { HOST_STATE_WORDS, VM_STATE_WORDS } from '../../../shared/words';
import type { Tone } from '../../ui/Badge';

export interface StateView {
  label: string;
  tone: Tone;
  /** Trouble: the admin has something to do (or to know) about this host. */
  trouble: boolean;
}

const HOST_TONE: Record<HostState, Pick<StateView, 'tone' | 'trouble'>> = {
  connected: { tone: 'ok', trouble: false },
  connecting: { tone: 'busy', trouble: false },
  unreachable: { tone: 'danger', trouble: true },
  'auth-failed': { tone: 'danger', trouble: true },
  'host-key-unknown': { tone: 'warning', trouble: true },
  'host-key-changed': { tone: 'danger', trouble: true },
  'hypervisor-problem': { tone: 'serious', trouble: true },
  disconnected: { tone: 'neutral', trouble: false },
};

const HOST = (state: HostState): StateView => ({
  label: HOST_STATE_WORDS[state].label,
  ...HOST_TONE[state],
});

export function hostStateView(state: HostState): StateView {
  return HOST(state);
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
  return HOST(host.state);
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

// Labels come from the one map of state words; the window adds only the colour.
const VM_TONE: Record<VmState, Tone> = {
  running: 'ok',
  paused: 'warning',
  suspended: 'warning',
  shutoff: 'neutral',
  'shutting-down': 'busy',
  blocked: 'serious',
  crashed: 'danger',
  unknown: 'neutral',
};

export function vmStateView(state: VmState): { label: string; tone: Tone } {
  return { label: VM_STATE_WORDS[state].label, tone: VM_TONE[state] };
}
