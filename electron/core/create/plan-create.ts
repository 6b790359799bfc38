import type { CreateVmRequest } from '../../../shared/domain/create-vm';
import type { HostStorage } from '../../../shared/domain/host-storage';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { PlacementReview, Plan, PlanStep } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { place, type PlacementInput } from '../../../shared/placement';
import {
  buildPlacementInput,
  type PlanningView,
} from '../../../shared/placement-input/build-input';
import { placementChoices } from '../../../shared/services/placement-choices';
import {
  createRefusalWords,
  createReviewWords,
  createTitle,
  formatSize,
  type CreateRefusal,
} from '../../../shared/words/create-words';
import { createNamer } from '../../../shared/words/namer';
import { unplacedWords } from '../../../shared/words/plan-words';
import { newPlan, step } from '../plans/plan-builder';
import { choiceReview } from '../services/plan-deploy';
import { newVmXml } from './vm-xml';

const MiB = 1024 * 1024;
/** The engine's application id for the VM being created (nothing else in a fleet is named so). */
const NEW_APP = 'federator:new-vm';
/** The label that marks the hosts whose storage can take the new VM's disk, for the engine. */
const ROOM_LABEL = 'federator:storage-fits';

export function refuse(refusal: CreateRefusal, hostId?: HostId): never {
  const code =
    refusal.code === 'name-taken' || refusal.code === 'volume-taken'
      ? 'conflict'
      : 'invalid-request';
  throw new AppError(code, createRefusalWords(refusal), hostId === undefined ? {} : { hostId });
}

/**
 * Why a host cannot hold the new VM's disk, network and boot media as its storage says; undefined
 * when it can. Pools and networks are matched by their exact names.
 */
export function storageProblem(
  req: CreateVmRequest,
  storage: HostStorage,
  host: string,
): CreateRefusal | undefined {
  const pool = (name: string): CreateRefusal | undefined => {
    const found = storage.pools.find((p) => p.name === name);
    if (!found) return { code: 'no-pool', pool: name, host };
    if (!found.active) return { code: 'pool-inactive', pool: name, host };
    return undefined;
  };
  if (req.disk.kind !== 'none') {
    const problem = pool(req.disk.pool);
    if (problem) return problem;
  }
  if (req.disk.kind === 'new') {
    const found = storage.pools.find((p) => p.name === (req.disk as { pool: string }).pool)!;
    const needed = req.disk.sizeMiB * MiB;
    // qcow2 grows as the guest writes: the pool must be able to hold the whole disk one day.
    if (found.availableBytes !== undefined && found.availableBytes < needed) {
      return {
        code: 'no-space',
        pool: found.name,
        host,
        neededBytes: needed,
        availableBytes: found.availableBytes,
      };
    }
  }
  if (req.iso !== undefined) {
    const problem = pool(req.iso.pool);
    if (problem) return problem;
  }
  if (req.network.kind === 'network') {
    const name = req.network.name;
    const found = storage.networks.find((n) => n.name === name);
    if (!found) return { code: 'no-network', network: name, host };
    if (!found.active) return { code: 'network-inactive', network: name, host };
  }
  return undefined;
}

/** The engine's choice of host for the new VM, among the hosts whose storage fits, with its why. */
export function placeNewVm(
  req: CreateVmRequest,
  view: PlanningView,
  fits: ReadonlySet<HostId>,
): { hostId: HostId; review: Pick<PlacementReview, 'reason' | 'why' | 'runnersUp'> } {
  const base = buildPlacementInput(view);
  // Other services keep the replicas they have: a create places one VM, not anyone's missing ones.
  const count = new Map<string, number>();
  for (const vm of base.vms ?? []) count.set(vm.application, (count.get(vm.application) ?? 0) + 1);
  const input: PlacementInput = {
    ...base,
    hosts: base.hosts.map((h) =>
      fits.has(h.id as HostId) ? { ...h, labels: { ...h.labels, [ROOM_LABEL]: 'yes' } } : h,
    ),
    applications: [
      ...base.applications.map((a) =>
        a.service === undefined ? a : { ...a, replicas: count.get(a.id) ?? 0 },
      ),
      {
        id: NEW_APP,
        vcpus: req.vcpus,
        memoryMiB: req.memoryMiB,
        replicas: 1,
        requiredLabels: { [ROOM_LABEL]: 'yes' },
      },
    ],
  };
  const placed = place(input);
  const names = createNamer(view, new Map([[`${NEW_APP}-1`, req.name]]));
  const ours = placed.assignments.find((a) => a.application === NEW_APP);
  if (!ours) {
    const why = placed.unplaced
      .filter((u) => u.application === NEW_APP)
      .flatMap((u) => unplacedWords(u, names));
    const pool = req.disk.kind === 'new' ? req.disk.pool : undefined;
    const message = createRefusalWords({
      code: 'no-host',
      asked: view.hosts.length,
      ...(pool === undefined
        ? {}
        : { pool, neededBytes: (req.disk as { sizeMiB: number }).sizeMiB * MiB }),
    });
    throw new AppError(
      'conflict',
      why.length > 0 && fits.size > 0 ? `${message}: ${why.join('; ')}` : message,
    );
  }
  const choice = placementChoices(input, placed).get(ours.vm);
  return { hostId: ours.host as HostId, review: choiceReview(choice, names) };
}

/** The volume a new disk is made as: "<VM name>.qcow2". */
export function newVolumeName(vmName: string): string {
  return `${vmName}.qcow2`;
}

/**
 * The create plan: a new volume (when asked), the definition, the start. The domain's XML is made
 * now and journaled on the define step, with the UUID and MAC chosen now, so a resumed plan defines
 * the very same domain.
 */
export function planCreate(
  req: CreateVmRequest,
  at: {
    hostId: HostId;
    hostName: string;
    domainType: 'kvm' | 'qemu';
    review: Pick<PlacementReview, 'reason' | 'why' | 'runnersUp'>;
  },
  ids: { vmId: VmId; mac: string },
): Plan {
  const on = { hostId: at.hostId, vmId: ids.vmId, vmName: req.name };
  const steps: PlanStep[] = [];
  let disk: { pool: string; volume: string; format: string } | undefined;
  let volumeName: string | undefined;
  if (req.disk.kind === 'new') {
    volumeName = newVolumeName(req.name);
    disk = { pool: req.disk.pool, volume: volumeName, format: 'qcow2' };
    steps.push(
      step('volume-create', {
        ...on,
        label: `Create volume “${volumeName}” (${formatSize(req.disk.sizeMiB * MiB)}) in pool “${req.disk.pool}” on ${at.hostName}`,
        volume: {
          pool: req.disk.pool,
          name: volumeName,
          capacityBytes: req.disk.sizeMiB * MiB,
          format: 'qcow2',
        },
      }),
    );
  } else if (req.disk.kind === 'existing') {
    // The format by the volume's name, as virt-manager guesses it: a .qcow2 is qcow2, the rest raw.
    const format = /\.qcow2?$/i.test(req.disk.volume) ? 'qcow2' : 'raw';
    disk = { pool: req.disk.pool, volume: req.disk.volume, format };
  }
  const xml = newVmXml({
    name: req.name,
    uuid: ids.vmId,
    domainType: at.domainType,
    vcpus: req.vcpus,
    memoryMiB: req.memoryMiB,
    network: req.network,
    mac: ids.mac,
    ...(disk === undefined ? {} : { disk }),
    ...(req.iso === undefined ? {} : { iso: req.iso }),
    ...(req.templateXml === undefined || req.templateXml.trim() === ''
      ? {}
      : { templateXml: req.templateXml }),
  });
  const define = step('define', {
    ...on,
    label: `Define ${req.name} on ${at.hostName}`,
    xml,
    after: steps.map((s) => s.id),
  });
  steps.push(define);
  const start = req.start !== false;
  if (start) {
    steps.push(
      step('start', { ...on, label: `Start ${req.name} on ${at.hostName}`, after: [define.id] }),
    );
  }
  return newPlan({
    kind: 'create',
    title: createTitle(req.name),
    steps,
    concurrency: 1,
    extra: {
      hostId: at.hostId,
      review: [{ vmId: ids.vmId, vmName: req.name, hostId: at.hostId, ...at.review }],
      warnings: createReviewWords({
        name: req.name,
        host: at.hostName,
        vcpus: req.vcpus,
        memoryMiB: req.memoryMiB,
        disk: req.disk,
        network: req.network,
        ...(req.iso === undefined ? {} : { iso: req.iso }),
        ...(volumeName === undefined ? {} : { volume: volumeName }),
        template: req.templateXml !== undefined && req.templateXml.trim() !== '',
        start,
      }),
    },
  });
}
