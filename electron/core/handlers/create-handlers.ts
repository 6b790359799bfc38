import {
  MAX_CHOICE_HOSTS,
  vmNameProblem,
  type CreateChoices,
  type CreateVmRequest,
  type PoolVolume,
} from '../../../shared/domain/create-vm';
import type { HostStorage } from '../../../shared/domain/host-storage';
import type { HostId } from '../../../shared/domain/ids';
import { isActive } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import { VM_STATE_WORDS } from '../../../shared/words';
import { attempt, requireHost, type CoreContext } from '../context/core-context';
import { planningView } from '../context/planning-view';
import { checkCopies, planClone, planDiskCopies } from '../create/plan-clone';
import {
  newVolumeName,
  placeNewVm,
  planCreate,
  refuse,
  storageProblem,
} from '../create/plan-create';
import { cloneSources, newMac } from '../create/vm-xml';
import type { HostOperations } from '../hosts/host-link';
import { newVmId } from '../plans/plan-builder';
import type { Handlers } from './handler-types';

/** Hosts read at once when the engine chooses among many. */
const READ_AT_ONCE = 8;

/**
 * The New VM wizard and Clone: what a host (or the fleet) offers, and each VM proposed as a plan,
 * planned from the host's storage as it answers now (pools, networks, volumes read fresh, names
 * matched exactly, nothing of them ever on a command line but as its own argument).
 */
export function createHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'vms:create-choices' | 'vms:plan-create' | 'vms:plan-clone'> {
  const connected = (): HostId[] =>
    ctx.hosts
      .all()
      .filter((e) => e.host.state === 'connected' && e.config.maintenance !== true)
      .map((e) => e.config.id);
  const opsOf = async (hostId: HostId): Promise<HostOperations> => {
    const entry = requireHost(ctx, hostId);
    if (entry.host.state !== 'connected') {
      refuse({ code: 'host-not-connected', host: entry.config.name }, hostId);
    }
    return entry.link.hypervisor();
  };
  const volumesOf = async (
    ops: HostOperations,
    hostId: HostId,
    pool: string,
  ): Promise<PoolVolume[]> => {
    if (ops.volumes === undefined) {
      throw new AppError(
        'invalid-request',
        `${requireHost(ctx, hostId).config.name} offers no storage volumes`,
        { hostId },
      );
    }
    return ops.volumes.list(pool);
  };
  /** Each host's storage, or why it could not be read; at most READ_AT_ONCE hosts asked at a time. */
  const storages = async (hosts: HostId[]): Promise<Map<HostId, HostStorage | AppError>> => {
    const out = new Map<HostId, HostStorage | AppError>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < hosts.length) {
        const hostId = hosts[next++]!;
        try {
          out.set(hostId, await (await opsOf(hostId)).hostStorage());
        } catch (error) {
          out.set(hostId, AppError.from(error));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_AT_ONCE, hosts.length) }, worker));
    return out;
  };
  const name = (hostId: HostId): string => ctx.hosts.get(hostId)?.config.name ?? hostId;

  return {
    'vms:create-choices': (req) =>
      attempt(
        req.hostId === undefined
          ? "Couldn't read what the hosts offer for a new VM"
          : `Couldn't read what ${name(req.hostId)} offers for a new VM`,
        async () => {
          const hosts =
            req.hostId === undefined ? connected().slice(0, MAX_CHOICE_HOSTS) : [req.hostId];
          const read = await storages(hosts);
          const pools = new Map<string, { hosts: number; most?: number }>();
          const networks = new Map<string, number>();
          const problems: string[] = [];
          const volumes: PoolVolume[] = [];
          for (const [hostId, storage] of read) {
            if (storage instanceof AppError) {
              problems.push(`${name(hostId)}: ${storage.message}`);
              continue;
            }
            for (const pool of storage.pools.filter((p) => p.active)) {
              const seen = pools.get(pool.name) ?? { hosts: 0 };
              seen.hosts++;
              if (pool.availableBytes !== undefined)
                seen.most = Math.max(seen.most ?? 0, pool.availableBytes);
              pools.set(pool.name, seen);
            }
            for (const network of storage.networks.filter((n) => n.active)) {
              networks.set(network.name, (networks.get(network.name) ?? 0) + 1);
            }
            if (req.hostId !== undefined) {
              const ops = await opsOf(hostId);
              for (const pool of storage.pools.filter((p) => p.active)) {
                try {
                  volumes.push(...(await volumesOf(ops, hostId, pool.name)));
                } catch (error) {
                  problems.push(`pool “${pool.name}”: ${AppError.from(error).message}`);
                }
              }
            }
          }
          const choices: CreateChoices = {
            hostsRead: read.size,
            pools: [...pools].map(([n, p]) => ({
              name: n,
              hosts: p.hosts,
              ...(p.most === undefined ? {} : { mostAvailableBytes: p.most }),
            })),
            networks: [...networks].map(([n, count]) => ({ name: n, hosts: count })),
            volumes,
            problems: problems.slice(0, 100).map((p) => p.slice(0, 2000)),
          };
          return choices;
        },
      ),

    'vms:plan-create': (req) =>
      attempt(`Couldn't plan to create VM ${req.name}`, async () => {
        refuseName(req.name);
        const view = planningView(ctx);
        const asked = req.hostId === undefined ? connected() : [req.hostId];
        if (req.hostId !== undefined) await opsOf(req.hostId); // not connected: said at once
        const read = await storages(asked);
        const fits = new Set<HostId>();
        const problems: string[] = [];
        for (const [hostId, storage] of read) {
          if (storage instanceof AppError) {
            problems.push(storage.message);
            continue;
          }
          const problem = storageProblem(req, storage, name(hostId));
          if (problem === undefined) fits.add(hostId);
          else if (req.hostId !== undefined) refuse(problem, hostId);
        }
        if (req.hostId !== undefined && !fits.has(req.hostId)) {
          throw new AppError('unreachable', problems[0] ?? `${name(req.hostId)} did not answer`, {
            hostId: req.hostId,
          });
        }
        const chosen = placeNewVm(req, view, fits);
        const hostId = chosen.hostId;
        const entry = requireHost(ctx, hostId);
        if (entry.vms.some((vm) => vm.name === req.name)) {
          refuse({ code: 'name-taken', name: req.name, host: entry.config.name }, hostId);
        }
        await checkVolumes(req, await opsOf(hostId), hostId, entry.config.name);
        const plan = planCreate(
          req,
          {
            hostId,
            hostName: entry.config.name,
            domainType: entry.host.facts?.value.virtualLayer.kind === 'kvm' ? 'kvm' : 'qemu',
            review:
              req.hostId === undefined
                ? chosen.review
                : { ...chosen.review, reason: `the host you chose; ${chosen.review.reason}` },
          },
          { vmId: newVmId(), mac: newMac() },
        );
        return ctx.plans.propose(plan);
      }),

    'vms:plan-clone': (req) =>
      attempt(`Couldn't plan to clone a VM as ${req.name}`, async () => {
        refuseName(req.name);
        const entry = requireHost(ctx, req.hostId);
        const source = entry.vms.find((vm) => vm.id === req.vmId);
        if (!source) {
          throw new AppError(
            'not-found',
            `${entry.config.name} does not report this VM (removed or moved?)`,
            {
              hostId: req.hostId,
            },
          );
        }
        const host = entry.config.name;
        if (isActive(source.state) || source.state === 'paused') {
          refuse(
            { code: 'not-shut-off', vm: source.name, state: VM_STATE_WORDS[source.state].phrase },
            req.hostId,
          );
        }
        if (entry.vms.some((vm) => vm.name === req.name)) {
          refuse({ code: 'name-taken', name: req.name, host }, req.hostId);
        }
        const ops = await opsOf(req.hostId);
        const details = await ops.vmDetails(req.vmId);
        if (details.xmlTruncated) {
          throw new AppError(
            'invalid-request',
            `${source.name}'s definition is too large to copy here`,
            { hostId: req.hostId },
          );
        }
        const storage = await ops.hostStorage();
        const copies = planDiskCopies(
          cloneSources(details.xml, source.name),
          req.name,
          storage,
          host,
          details.disks,
        );
        const taken = new Map<string, Set<string>>();
        for (const pool of new Set(copies.map((c) => c.pool))) {
          if (!storage.pools.some((p) => p.name === pool && p.active)) continue;
          taken.set(pool, new Set((await volumesOf(ops, req.hostId, pool)).map((v) => v.name)));
        }
        checkCopies(copies, storage, taken, host, req.hostId);
        const plan = planClone(
          source,
          details.xml,
          req.name,
          copies,
          { hostName: host },
          {
            vmId: newVmId(),
            mac: () => newMac(),
          },
        );
        return ctx.plans.propose(plan);
      }),
  };
}

/** The request's schema checks the name too; a caller inside the core gets the same words. */
function refuseName(name: string): void {
  const problem = vmNameProblem(name);
  if (problem !== undefined) throw new AppError('invalid-request', problem);
}

/** The new volume's name must be free; an existing disk or ISO must be there. */
async function checkVolumes(
  req: CreateVmRequest,
  ops: HostOperations,
  hostId: HostId,
  host: string,
): Promise<void> {
  const listed = new Map<string, Set<string>>();
  const inPool = async (pool: string): Promise<Set<string>> => {
    let names = listed.get(pool);
    if (names === undefined) {
      if (ops.volumes === undefined) {
        throw new AppError('invalid-request', `${host} offers no storage volumes`, { hostId });
      }
      names = new Set((await ops.volumes.list(pool)).map((v) => v.name));
      listed.set(pool, names);
    }
    return names;
  };
  if (req.disk.kind === 'new') {
    const volume = newVolumeName(req.name);
    if ((await inPool(req.disk.pool)).has(volume)) {
      refuse({ code: 'volume-taken', pool: req.disk.pool, volume, host }, hostId);
    }
  }
  if (req.disk.kind === 'existing' && !(await inPool(req.disk.pool)).has(req.disk.volume)) {
    refuse({ code: 'volume-missing', pool: req.disk.pool, volume: req.disk.volume, host }, hostId);
  }
  if (req.iso !== undefined && !(await inPool(req.iso.pool)).has(req.iso.volume)) {
    refuse({ code: 'volume-missing', pool: req.iso.pool, volume: req.iso.volume, host }, hostId);
  }
}
