import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { ParsedRequestOf } from '../../shared/contract/requests';
import type { Application, ServiceBundle } from '../../shared/domain/application';
import type { Host } from '../../shared/domain/host';
import type { ApplicationId, HostId, ServiceId } from '../../shared/domain/ids';
import { createCore, type Core, type CoreOptions } from '../core/core';
import { until } from './core-waits';
import type { WsClient } from './ws-client';
// Re-exported: the lab tests read them from here; they need no lab and live with the other waits.
export { isSettled, waitPlan } from './core-waits';
import type { Plan } from '../../shared/domain/plan';
import {
  labAddRequest,
  labHost,
  outOfBandList,
  readLab,
  removeGuest,
  virshAs,
  type Lab,
  type LabHost,
} from './lab-hosts';

export const lab: Lab = readLab();
export const labHosts: LabHost[] = [1, 2, 3].map((i) => labHost(lab, i));

/** What hosts:add gets for lab host i (the lab's client key; session libvirt). */
export function addRequest(host: LabHost): ParsedRequestOf<'hosts:add'> {
  return labAddRequest(lab, host);
}

/** Each lab host added to `core` and its key trusted: the console's id for it, by lab host name. */
export async function addLabHosts(core: Core): Promise<Map<string, HostId>> {
  const ids = new Map<string, HostId>();
  for (const host of labHosts) {
    const added = await core.handlers['hosts:add'](addRequest(host));
    const trusted = await core.handlers['hosts:trust-key']({
      hostId: added.config.id,
      fingerprint: host.hostKeyFingerprint,
    });
    expect(trusted.state).toBe('connected');
    ids.set(host.name, added.config.id);
  }
  return ids;
}

/**
 * Each lab host added over a console's socket (a console run as its own process) and its key
 * trusted, once every one has reported its facts: the console's id for it, by lab host name.
 */
export async function addLabHostsOver(ws: WsClient): Promise<Map<string, HostId>> {
  const ids = new Map<string, HostId>();
  for (const host of labHosts) {
    const added = await ws.invoke('hosts:add', addRequest(host));
    const trusted = await ws.invoke('hosts:trust-key', {
      hostId: added.config.id,
      fingerprint: host.hostKeyFingerprint,
    });
    expect(trusted.state).toBe('connected');
    ids.set(host.name, added.config.id);
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { hosts } = await ws.invoke('fleet:snapshot', {});
    if (hosts.filter((h) => h.state === 'connected' && h.facts).length === labHosts.length) break;
    if (Date.now() > deadline)
      throw new Error('the lab hosts did not all report their facts in 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return ids;
}

/**
 * A started console over the three lab hosts, each added and trusted, once every one has reported
 * its facts (placement needs each host's size).
 */
export async function startLabCore(options: CoreOptions): Promise<Core> {
  const core = createCore(options);
  await core.start();
  await addLabHosts(core);
  await until(
    core,
    (s) =>
      s.hosts.filter((h) => h.state === 'connected' && h.facts !== undefined).length ===
      labHosts.length,
  );
  return core;
}

/** A service name only this run uses, so VM names (`<service>-<app>-<n>`) are ours alone. */
export function testServiceName(): string {
  return `t-svc-${randomBytes(3).toString('hex')}`;
}

/** The shop of the brief: web ×2 spread hard over hosts, api, db; web and api need db first. */
export function labShop(name: string, dbMemoryMiB = 64): ServiceBundle {
  const service = randomUUID() as ServiceId;
  const app = (appName: string, extra: Partial<Application> = {}): Application => ({
    id: randomUUID() as ApplicationId,
    name: appName,
    service,
    vcpus: 1,
    memoryMiB: 64,
    replicas: 1,
    template: { kind: 'test-guest' },
    ...extra,
  });
  const web = app('web', { replicas: 2, spread: { across: 'host', strength: 'hard' } });
  const api = app('api');
  const db = app('db', { memoryMiB: dbMemoryMiB });
  return {
    service: {
      id: service,
      name,
      applications: [web.id, api.id, db.id],
      dependsOn: { [web.id]: [db.id], [api.id]: [db.id] },
      policy: 'spread',
      health: { kind: 'all-up' },
    },
    applications: [web, api, db],
  };
}

/** Domains whose name starts with `prefix`, on every lab host: name → host names holding one. */
export function domainsNamed(prefix: string): { host: LabHost; uuid: string; name: string }[] {
  return labHosts.flatMap((host) =>
    [...outOfBandList(host)]
      .filter(([, name]) => name.startsWith(prefix))
      .map(([uuid, name]) => ({ host, uuid, name })),
  );
}

/** Every domain on every lab host: for "nothing was created" checks. */
export function everyDomain(): { host: LabHost; uuid: string }[] {
  return labHosts.flatMap((host) =>
    [...outOfBandList(host).keys()].map((uuid) => ({ host, uuid })),
  );
}

/** Remove (destroy + undefine) every domain of this prefix, out of band: cleanup that always runs. */
export function removeDomainsNamed(prefix: string): number {
  const found = domainsNamed(prefix);
  for (const d of found) removeGuest(d.host, d.uuid);
  return found.length;
}

export function domState(host: LabHost, uuid: string): string {
  return virshAs(host, 'domstate', uuid).trim();
}

export function dumpxml(host: LabHost, uuid: string): string {
  return virshAs(host, 'dumpxml', uuid);
}

/** The lab host a fleet host is (by address). */
export function labHostOf(host: Pick<Host, 'config'>): LabHost {
  const found = labHosts.find((h) => h.address === host.config.address);
  if (!found) throw new Error(`${host.config.name} is not a lab host`);
  return found;
}

/** "start db …" lines for a failure report: each step with its status and times. */
export function journalLines(plan: Plan): string {
  return plan.steps
    .map(
      (s) =>
        `${s.kind} ${s.vmName} ${s.status} ${s.startedAt ?? '-'}→${s.endedAt ?? '-'} ${s.note ?? ''} ${s.error?.message ?? ''}`,
    )
    .join('\n');
}
