import type { HostId, VmId } from '../../../../shared/domain/ids';
import { isActive } from '../../../../shared/domain/vm';
import { AppError } from '../../../../shared/errors';
import type { MigrateOptions, MigrationTarget, PathProbe } from '../hypervisor-driver';
import { describePathFailure } from '../libvirt/migration-path-words';
import type { DemoWorld, MigrationPace } from './demo-world';
import { usable } from './demo-operations';
import { demoDiskOf } from './demo-details';

/** A simulated transfer: 1 s per 2 GiB of guest memory, at least half a second. */
const DEMO_PACE: MigrationPace = { msPerMiB: 1000 / 2048, minMs: 500, tickMs: 100 };
/** Hosts whose place in the fleet is a multiple of this cannot be reached by the others. */
const UNREACHABLE_EVERY = 17;

/**
 * The path check, simulated: every pair works except into every 17th host (demo-hv017, hv034 …),
 * so a large demo fleet shows a refused "no migration path"; the words are those a real probe
 * gives, read from the stderr ssh would print.
 */
export function probeDemoPath(
  world: DemoWorld,
  sourceId: HostId,
  target: MigrationTarget,
): PathProbe {
  const source = world.host(sourceId);
  const ends = { source: source.config.name, sourceUser: source.config.user, target };
  const other = world.hosts.get(target.hostId);
  let stderr: string | undefined;
  if (other === undefined) {
    stderr = `error: Cannot recv data: ssh: Could not resolve hostname ${target.address}: Name or service not known`;
  } else if (target.hostId !== sourceId && world.indexOf(target.hostId) % UNREACHABLE_EVERY === 0) {
    stderr = `error: Cannot recv data: ssh: connect to host ${target.address} port ${target.port}: Connection timed out: Connection reset by peer`;
  } else if (other.facts.virtualLayer.status !== 'ok') {
    stderr = `error: End of file while reading data: virt-ssh-helper: cannot connect to '/var/run/libvirt/virtqemud-sock': Failed to connect socket (simulated)`;
  }
  if (stderr === undefined) return { ok: true };
  const words = describePathFailure(stderr, ends);
  if (words === undefined) throw new AppError('internal', `no words for simulated ${stderr}`);
  return { ok: false, ...words, detail: `error: failed to connect to the hypervisor\n${stderr}` };
}

/** Move a VM between demo hosts over time, with progress, cancel, and libvirt's refusals. */
export async function migrateDemoVm(
  world: DemoWorld,
  sourceId: HostId,
  vmId: VmId,
  target: MigrationTarget,
  options: MigrateOptions,
): Promise<void> {
  const source = usable(world, sourceId);
  const vm = source.vms.find((v) => v.id === vmId);
  const move = `move ${vm?.name ?? vmId} from ${source.config.name} to ${target.hostName}`;
  const refuse = (why: string, detail?: string): never => {
    throw new AppError('command-failed', `Couldn't ${move}: ${why}`, {
      hostId: sourceId,
      ...(detail === undefined ? {} : { detail }),
    });
  };
  if (vm === undefined) {
    throw new AppError('not-found', `Couldn't ${move}: no such VM on ${source.config.name}`, {
      hostId: sourceId,
    });
  }
  const destination = world.hosts.get(target.hostId);
  if (destination === undefined) {
    throw new AppError(
      'not-found',
      `Couldn't ${move}: ${target.hostName} is not a simulated host`,
      {
        hostId: sourceId,
      },
    );
  }
  if (target.hostId === sourceId) refuse(`it is already on ${target.hostName}`);
  const path = probeDemoPath(world, sourceId, target);
  if (!path.ok) refuse(path.message, path.detail);
  if (options.live && vm.state !== 'running')
    refuse(`${vm.name} is not running (a shut-off VM is moved offline)`);
  if (!options.live && isActive(vm.state))
    refuse(`${vm.name} is running (a running VM is moved live)`);
  if (destination.vms.some((v) => v.id === vmId || v.name === vm.name)) {
    refuse(`${target.hostName} already has a VM with the same name or UUID`);
  }
  const copied = options.copyDisks ?? [];
  const pace = world.options.migration ?? DEMO_PACE;
  // The written part of the disk crosses too, simulated ten times faster than memory.
  const diskMiB = copied.length > 0 ? demoDiskOf(vm).allocation / 1024 ** 2 / 10 : 0;
  await transfer(
    options.live ? Math.max(pace.minMs, (vm.memoryMiB + diskMiB) * pace.msPerMiB) : pace.minMs,
    pace.tickMs,
    options,
    () =>
      new AppError('cancelled', `Cancelled: ${move}; it stays on ${source.config.name}`, {
        hostId: sourceId,
      }),
  );
  // The world moved on meanwhile (the VM was undefined, or a namesake appeared): refuse as libvirt would.
  const now = source.vms.find((v) => v.id === vmId);
  if (now === undefined)
    refuse(`${vm.name} disappeared from ${source.config.name} during the move`);
  if (destination.vms.some((v) => v.id === vmId || v.name === vm.name)) {
    refuse(`${target.hostName} already has a VM with the same name or UUID`);
  }
  world.setVms(
    source,
    source.vms.filter((v) => v.id !== vmId),
  );
  world.setVms(destination, [
    ...destination.vms,
    { ...(now ?? vm), hostId: target.hostId, ...(options.live ? { stateReason: 'migrated' } : {}) },
  ]);
}

/** Wait `ms`, reporting progress every tick; reject with `cancelled()` when the signal aborts. */
function transfer(
  ms: number,
  tickMs: number,
  options: MigrateOptions,
  cancelled: () => AppError,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted === true) {
      reject(cancelled());
      return;
    }
    const started = Date.now();
    const ticker = setInterval(() => {
      const percent = Math.min(100, Math.floor(((Date.now() - started) / ms) * 100));
      if (percent < 100) options.onProgress?.(percent);
    }, tickMs);
    const done = setTimeout(() => {
      finish();
      options.onProgress?.(100);
      resolve();
    }, ms);
    ticker.unref();
    done.unref();
    const onAbort = (): void => {
      finish();
      reject(cancelled());
    };
    const finish = (): void => {
      clearInterval(ticker);
      clearTimeout(done);
      options.signal?.removeEventListener('abort', onAbort);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
