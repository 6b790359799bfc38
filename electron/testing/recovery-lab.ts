import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Application, ServiceBundle } from '../../shared/domain/application';
import type { Core } from '../core/core';
import {
  defineGuestXml,
  deleteNftTable,
  guestXml,
  labSh,
  removeGuest,
  virshAs,
  type LabHost,
} from './lab-hosts';
import { labHosts, labShop, testServiceName } from './service-lab';

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

/**
 * The recovery tests' service: web (`webReplicas`, no spread, so they may share a survivor) needing
 * db, both from the lab shop; `autoRecover` opts it into the automatic recovery.
 */
export function webNeedingDb(
  name: string,
  options: { webReplicas?: number; autoRecover?: boolean } = {},
): { bundle: ServiceBundle; web: Application; db: Application } {
  const shop = labShop(name);
  const web = { ...shop.applications.find((a) => a.name === 'web')! };
  delete web.spread;
  if (options.webReplicas !== undefined) web.replicas = options.webReplicas;
  const db = shop.applications.find((a) => a.name === 'db')!;
  const bundle: ServiceBundle = {
    service: {
      ...shop.service,
      applications: [web.id, db.id],
      dependsOn: { [web.id]: [db.id] },
      ...(options.autoRecover === true ? { autoRecover: true } : {}),
    },
    applications: [web, db],
  };
  return { bundle, web, db };
}

/**
 * After a recovery test: the test's nft table gone, hv3 powered on and its BMC down, the console
 * stopped, the test's guests removed from every host, its data folder removed. Each step runs
 * whatever the one before did.
 */
export async function endRecoveryTest(test: {
  table: string;
  stopConsole: () => Promise<void>;
  uuids: readonly string[];
  dataDir: string;
}): Promise<void> {
  deleteNftTable(test.table);
  try {
    labSh('power', '3', 'set', 'power', '1');
  } finally {
    try {
      labSh('bmc', 'down', '3');
    } finally {
      await test.stopConsole();
      for (const h of labHosts) for (const u of test.uuids) removeGuest(h, u);
      rmSync(test.dataDir, { recursive: true, force: true });
    }
  }
}
