import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceBundle } from '../../shared/domain/application';
import type { Core } from '../core/core';
import { defineGuestXml, guestXml, virshAs, type LabHost } from './lab-hosts';
import { labShop, testServiceName } from './service-lab';

/** Polls `what` every 200 ms until it holds; throws with `label` after `ms`. */
export async function waitFor(
  what: () => Promise<boolean> | boolean,
  ms: number,
  label: string,
): Promise<number> {
  const t0 = Date.now();
  while (!(await what())) {
    if (Date.now() - t0 > ms) throw new Error(`${label}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return Date.now() - t0;
}

/** The console's kept definitions, or nothing before it first writes them. */
export function readKept(dataDir: string): string {
  try {
    return readFileSync(join(dataDir, 'definitions.json'), 'utf8');
  } catch {
    return '';
  }
}

/**
 * One running VM of a new one-application service on `host`, once the console has kept its
 * definition (what a recovery needs): its UUID.
 */
export async function serviceVmOn(core: Core, host: LabHost, dataDir: string): Promise<string> {
  const shop = labShop(testServiceName());
  const db = shop.applications.find((a) => a.name === 'db')!;
  const bundle: ServiceBundle = {
    service: { ...shop.service, applications: [db.id], dependsOn: {} },
    applications: [db],
  };
  await core.handlers['services:save'](bundle);
  const vmName = `${shop.service.name}-db-1`;
  const tags = { application: db.id, service: bundle.service.id };
  const uuid = defineGuestXml(host, vmName, guestXml(vmName, { tags }));
  virshAs(host, 'start', uuid);
  await waitFor(() => readKept(dataDir).includes(uuid), 20_000, 'definition kept');
  return uuid;
}

/** Where each UUID is listed, per lab host, with its state: virsh on every host, the judge. */
export function whereListed(
  hosts: readonly LabHost[],
  uuids: readonly string[],
): Map<string, { host: string; state: string }[]> {
  const seen = new Map<string, { host: string; state: string }[]>(uuids.map((u) => [u, []]));
  for (const h of hosts) {
    const out = virshAs(h, 'list', '--all', '--uuid');
    for (const uuid of uuids) {
      if (!out.includes(uuid)) continue;
      seen.get(uuid)!.push({ host: h.name, state: virshAs(h, 'domstate', uuid).trim() });
    }
  }
  return seen;
}
