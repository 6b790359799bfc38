import type { VmAction } from '../../../shared/contract/requests';
import type { VmState } from '../../../shared/domain';
import { isActive } from '../../../shared/domain';

/** How each VM action reads on its button and in "Couldn't … VM 'x' on hv1". */
export const VM_ACTIONS: readonly { action: VmAction; label: string; verb: string }[] = [
  { action: 'start', label: 'Start', verb: 'start' },
  { action: 'resume', label: 'Resume', verb: 'resume' },
  { action: 'shutdown', label: 'Shut down', verb: 'shut down' },
  { action: 'reboot', label: 'Reboot', verb: 'reboot' },
  { action: 'suspend', label: 'Pause', verb: 'pause' },
  { action: 'destroy', label: 'Force off', verb: 'force off' },
];

/** Which actions make sense in a state; libvirt would refuse the rest with a less helpful message. */
export function vmActionAllowed(action: VmAction, state: VmState): boolean {
  switch (action) {
    case 'start':
      return state === 'shutoff' || state === 'crashed';
    case 'resume':
      return state === 'paused';
    case 'shutdown':
    case 'reboot':
    case 'suspend':
      return state === 'running';
    case 'destroy':
      return isActive(state) || state === 'crashed';
  }
}
