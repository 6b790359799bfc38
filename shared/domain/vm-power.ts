import { z } from 'zod';
import { HostId, VmId } from './ids';
import { LIMITS } from './limits';
import { isActive, type Vm } from './vm';

/** The power actions the console runs on many VMs at once, as one journaled plan. */
export const PowerAction = z.enum(['start', 'shutdown', 'force-off', 'reboot', 'pause', 'resume']);
export type PowerAction = z.infer<typeof PowerAction>;

/**
 * "Do this to these VMs" or "to every VM of this host": the VMs as the window last saw them (the
 * core plans from the fleet as it is now, so a VM that changed meanwhile is judged as it is).
 */
export const PowerRequest = z
  .object({
    action: PowerAction,
    vmIds: z.array(VmId).max(LIMITS.vmsPerPowerPlan).optional(),
    hostId: HostId.optional(),
    /** Steps at once (default 4: each is one virsh call and a wait on its own host). */
    concurrency: z.number().int().min(1).max(16).optional(),
  })
  .refine((r) => (r.vmIds === undefined) !== (r.hostId === undefined), {
    message: 'Name either the VMs or one host, not both',
  });
export type PowerRequest = z.infer<typeof PowerRequest>;

/** Why a VM of the selection is left out of a power plan, as data; shared/words says it. */
export type PowerLeftOutCode =
  | 'already-running' // start, resume
  | 'already-shut-off' // shutdown, force off
  | 'already-paused' // pause
  | 'not-running' // reboot, pause: only a running guest
  | 'not-paused' // resume: only a paused guest
  | 'transient' // reboot: a transient domain is gone once shut down, so it cannot start again
  | 'host-not-connected'
  | 'not-found'; // no longer in the fleet

export interface PowerLeftOut {
  vm: string;
  /** The VM's name as the plan saw it (a VM not found has only its id). */
  vmName: string;
  host?: string;
  code: PowerLeftOutCode;
}

/**
 * Whether `action` makes sense for a VM in this state; the reason it does not, as data. The window
 * uses it to count the selection's buttons, the core to leave VMs out of the plan: one rule for both.
 */
export function powerLeftOutCode(
  action: PowerAction,
  vm: Pick<Vm, 'state' | 'persistent'>,
): PowerLeftOutCode | undefined {
  const { state } = vm;
  switch (action) {
    case 'start':
      if (state === 'shutoff' || state === 'crashed') return undefined;
      return state === 'paused' ? 'already-paused' : 'already-running';
    case 'shutdown':
    case 'force-off':
      return isActive(state) ? undefined : 'already-shut-off';
    case 'reboot':
      if (state !== 'running') return 'not-running';
      return vm.persistent ? undefined : 'transient';
    case 'pause':
      if (state === 'paused') return 'already-paused';
      return state === 'running' ? undefined : 'not-running';
    case 'resume':
      if (state === 'paused') return undefined;
      return state === 'running' ? 'already-running' : 'not-paused';
  }
}
