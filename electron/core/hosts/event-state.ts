import type { Vm, VmState } from '../../../shared/domain/vm';
import type { VmEvent } from '../hypervisor/hypervisor-driver';

/**
 * The state a lifecycle event leaves a listed VM in, when the event alone says it for certain;
 * undefined when only a listing can tell (a new or removed domain, a migration's steps, a resume
 * that QEMU also sends while a VM starts). The listing every event triggers follows anyway: this
 * only lets the window see the change without waiting for it (on a busy host a listing took
 * 0.3–1.7 s, the event a few ms: bench/fanout.lab.ts).
 */
export function stateAfterEvent(vm: Vm, event: VmEvent): VmState | undefined {
  const off = vm.state === 'shutoff' || vm.state === 'crashed';
  switch (event.kind) {
    case 'paused':
      return 'paused';
    case 'resumed':
      return vm.state === 'paused' ? 'running' : undefined;
    case 'started':
    case 'restored':
      return off ? 'running' : undefined;
    case 'shut-down':
    case 'destroyed':
    case 'stopped':
    case 'saved':
      return 'shutoff';
    case 'crashed':
      return event.phase === 'off' ? 'crashed' : undefined;
    default:
      return undefined;
  }
}

/** The VMs with the event's state applied to the one it names; undefined if nothing changes. */
export function applyEvent(vms: readonly Vm[], event: VmEvent): Vm[] | undefined {
  const vm = vms.find((v) => v.name === event.domain);
  if (vm === undefined) return undefined;
  const state = stateAfterEvent(vm, event);
  if (state === undefined || state === vm.state) return undefined;
  const { stateReason: _old, ...rest } = vm;
  const changed: Vm = {
    ...rest,
    state,
    ...(event.reason === undefined ? {} : { stateReason: event.reason }),
  };
  return vms.map((v) => (v === vm ? changed : v));
}

/**
 * A listing begun before an event was applied may predate the change: for the VMs such an event
 * named, keep the state the event gave (`applied`: when each domain's event was applied). The
 * listing that every event triggers begins after it, and is believed.
 */
export function keepNewerEvents(
  listed: readonly Vm[],
  shown: readonly Vm[],
  applied: ReadonlyMap<string, number>,
  listedAt: number,
): Vm[] {
  return listed.map((vm) => {
    const at = applied.get(vm.name);
    if (at === undefined || at < listedAt) return vm;
    const was = shown.find((v) => v.name === vm.name && v.id === vm.id);
    if (was === undefined) return vm;
    const { stateReason: _listed, ...rest } = vm;
    return {
      ...rest,
      state: was.state,
      ...(was.stateReason === undefined ? {} : { stateReason: was.stateReason }),
    };
  });
}
