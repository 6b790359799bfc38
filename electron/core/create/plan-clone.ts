import type { HostStorage } from '../../../shared/domain/host-storage';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Plan, PlanStep } from '../../../shared/domain/plan';
import type { Vm } from '../../../shared/domain/vm';
import type { VmDisk } from '../../../shared/domain/vm-details';
import { AppError } from '../../../shared/errors';
import { cloneReviewWords, cloneTitle } from '../../../shared/words/create-words';
import { newPlan, step } from '../plans/plan-builder';
import { refuse } from './plan-create';
import { cloneVmXml, type CloneDisk, type CloneSource } from './vm-xml';

/** One disk the clone copies: from which volume of which pool, to which new one. */
export interface DiskCopy {
  target: string;
  pool: string;
  from: string;
  to: string;
  /** The copy's file, when the original's XML names a file (not a pool volume). */
  path?: string;
  /** What the original holds on the host now (its allocation), for the pool's room. */
  bytes?: number;
}

/**
 * Which volume of which pool each copied disk is, and what its copy is named: "<clone>.qcow2",
 * then "<clone>-1.qcow2" … (the original's extension kept). A file disk must be in the directory of
 * one of the host's active pools; its copy goes beside it.
 */
export function planDiskCopies(
  sources: CloneSource[],
  clone: string,
  storage: HostStorage,
  host: string,
  disks: readonly VmDisk[],
): DiskCopy[] {
  return sources.map((source, i) => {
    let pool: string;
    let volume: string;
    let dir: string | undefined;
    if (source.kind === 'volume') {
      pool = source.pool;
      volume = source.volume;
    } else {
      const slash = source.path.lastIndexOf('/');
      dir = source.path.slice(0, slash);
      volume = source.path.slice(slash + 1);
      const found = storage.pools.find(
        (p) => p.active && p.path !== undefined && p.path.replace(/\/+$/, '') === dir,
      );
      if (!found) {
        throw new AppError(
          'invalid-request',
          `disk ${source.target} (${source.path}) is not in the directory of any active storage pool of ${host}: the console copies volumes of pools only`,
        );
      }
      pool = found.name;
    }
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(volume)?.[0] ?? '';
    const to = `${clone}${i === 0 ? '' : `-${i}`}${ext}`;
    const size = disks.find((d) => d.target === source.target);
    const bytes = size?.allocationBytes ?? size?.physicalBytes ?? size?.capacityBytes;
    return {
      target: source.target,
      pool,
      from: volume,
      to,
      ...(dir === undefined ? {} : { path: `${dir}/${to}` }),
      ...(bytes === undefined ? {} : { bytes }),
    };
  });
}

/**
 * Refuse what the host's pools say cannot work: a pool gone or inactive, a copy's name taken, not
 * enough room for the copies (each pool's copies added up against its free space).
 */
export function checkCopies(
  copies: readonly DiskCopy[],
  storage: HostStorage,
  taken: ReadonlyMap<string, ReadonlySet<string>>,
  host: string,
  hostId: HostId,
): void {
  const need = new Map<string, number>();
  for (const copy of copies) {
    const pool = storage.pools.find((p) => p.name === copy.pool);
    if (!pool) refuse({ code: 'no-pool', pool: copy.pool, host }, hostId);
    if (!pool.active) refuse({ code: 'pool-inactive', pool: copy.pool, host }, hostId);
    if (taken.get(copy.pool)?.has(copy.to)) {
      refuse({ code: 'volume-taken', pool: copy.pool, volume: copy.to, host }, hostId);
    }
    if (taken.get(copy.pool) !== undefined && !taken.get(copy.pool)!.has(copy.from)) {
      refuse({ code: 'volume-missing', pool: copy.pool, volume: copy.from, host }, hostId);
    }
    need.set(copy.pool, (need.get(copy.pool) ?? 0) + (copy.bytes ?? 0));
  }
  for (const [name, bytes] of need) {
    const available = storage.pools.find((p) => p.name === name)?.availableBytes;
    if (available !== undefined && available < bytes) {
      refuse(
        { code: 'no-space', pool: name, host, neededBytes: bytes, availableBytes: available },
        hostId,
      );
    }
  }
}

/**
 * The clone plan (virt-clone's way): each disk copied in its own pool (`vol-clone`), then the
 * copy defined from the original's XML with a new name, UUID and MACs. Not started: a clone of a
 * shut-off VM is shut off, as virt-clone leaves it.
 */
export function planClone(
  source: Vm,
  xml: string,
  name: string,
  copies: readonly DiskCopy[],
  at: { hostName: string },
  ids: { vmId: VmId; mac: () => string },
): Plan {
  const on = { hostId: source.hostId, vmId: ids.vmId, vmName: name };
  const steps: PlanStep[] = copies.map((copy) =>
    step('volume-clone', {
      ...on,
      label: `Copy volume “${copy.from}” to “${copy.to}” in pool “${copy.pool}” on ${at.hostName}`,
      volume: { pool: copy.pool, name: copy.to, source: copy.from },
    }),
  );
  const disks: CloneDisk[] = copies.map((c) => ({
    pool: c.pool,
    volume: c.to,
    ...(c.path === undefined ? {} : { path: c.path }),
  }));
  let nics = 0;
  const cloneXml = cloneVmXml(xml, source.name, {
    name,
    uuid: ids.vmId,
    disks,
    mac: () => {
      nics++;
      return ids.mac();
    },
  });
  steps.push(
    step('define', {
      ...on,
      label: `Define ${name} on ${at.hostName}`,
      xml: cloneXml,
      after: steps.map((s) => s.id),
    }),
  );
  return newPlan({
    kind: 'clone',
    title: cloneTitle(source.name, name),
    steps,
    concurrency: 1,
    extra: {
      hostId: source.hostId,
      warnings: cloneReviewWords({
        source: source.name,
        name,
        host: at.hostName,
        copies: copies.map((c) => ({ from: c.from, to: c.to, pool: c.pool })),
        nics,
      }),
    },
  });
}
