import type { VmAction } from '../../../shared/contract/requests';
import type { HostFacts } from '../../../shared/domain/host';
import type { VmId } from '../../../shared/domain/ids';
import type { Vm } from '../../../shared/domain/vm';
import type { AppError } from '../../../shared/errors';

/**
 * One hypervisor on one host, whatever speaks to it: libvirt over SSH (the real one) or the demo
 * simulation. The host connection owns the driver and decides when to call it.
 */
export interface HypervisorDriver {
  /** OS layer, hardware and virtual layer; a missing libvirt is reported in virtualLayer, not thrown. */
  facts(): Promise<HostFacts>;
  /** Every domain on the host, active or not, in one bulk call. */
  listVms(): Promise<Vm[]>;
  /**
   * Follow the hypervisor's own events; `onChange` fires when something changed (the caller then
   * re-lists), `onBroken` when the event stream ends so the caller can fall back to polling.
   */
  watch(handlers: { onChange(): void; onBroken(error: AppError): void }): Promise<() => void>;
  act(vmId: VmId, action: VmAction): Promise<void>;
}
