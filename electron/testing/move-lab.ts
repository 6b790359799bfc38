import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetSnapshot } from '../../shared/contract/requests';
import type { HostId } from '../../shared/domain/ids';
import type { MigrationPath } from '../../shared/domain/migration-path';
import type { Core } from '../core/core';
import { until } from './core-waits';
import {
  defineGuest,
  guestXml,
  outOfBandList,
  removeGuest,
  virshAs,
  type LabHost,
} from './lab-hosts';
import { labHosts, startLabCore, waitPlan } from './service-lab';

export { labHosts, waitPlan };
export const [hv1, hv2, hv3] = labHosts as [LabHost, LabHost, LabHost];

/** VM names of this run: `t-mv-<run>-<what>`, so a leftover says which run left it. */
export const run = randomBytes(3).toString('hex');
export const vmName = (what: string): string => `t-mv-${run}-${what}`;

/** A console over the three lab hosts, each added and trusted, with its facts reported. */
export function labCore(dataDir: string): Promise<Core> {
  return startLabCore({ dataDir, demoByDefault: false, planTiming: { pollMs: 100 } });
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'federator-moves-lab-'));
}

/** The console's id for a lab host (hosts:add chose it). */
export async function idOf(core: Core, host: LabHost): Promise<HostId> {
  const { hosts } = await core.handlers['fleet:snapshot']({});
  const found = hosts.find((h) => h.config.address === host.address);
  if (!found) throw new Error(`${host.name} is not in the console`);
  return found.config.id;
}

/** The snapshot once the VM shows on `hostId` in `state` (or anywhere, for state only). */
export function vmShown(
  core: Core,
  uuid: string,
  hostId: HostId,
  state = 'running',
): Promise<FleetSnapshot> {
  return until(core, (s) =>
    s.vms.some((vm) => vm.id === uuid && vm.hostId === hostId && vm.state === state),
  );
}

/** The migration paths once `test` holds, re-read on every paths:changed. */
export async function waitPaths(
  core: Core,
  test: (paths: MigrationPath[]) => boolean,
): Promise<MigrationPath[]> {
  for (;;) {
    let off = (): void => undefined;
    const next = new Promise<void>((wake) => {
      off = core.events.on('paths:changed', () => wake());
    });
    try {
      const paths = await core.handlers['paths:list']({});
      if (test(paths)) return paths;
      await next;
    } finally {
      off();
    }
  }
}

/** A running disk-less 64 MiB guest on `host`, defined out of band. */
export function runningGuest(host: LabHost, name: string): string {
  const uuid = defineGuest(host, name);
  virshAs(host, 'start', uuid);
  return uuid;
}

/**
 * A running guest whose memory holds `dataMiB` of random bytes (QEMU's loader device copies a file
 * into guest RAM at boot), so a live migration really carries that much and lasts long enough to
 * be hit midway. The file must be readable on the target too (same path: one machine).
 */
export function heavyGuest(host: LabHost, name: string, dataMiB: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'federator-heavy-'));
  chmodSync(dir, 0o755);
  const data = join(dir, 'ram.bin');
  writeFileSync(data, randomBytes(dataMiB * 1024 * 1024), { mode: 0o644 });
  const xml = guestXml(name, { memoryMiB: dataMiB + 128 })
    .replace(
      "<domain type='qemu'>",
      "<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>",
    )
    .replace(
      '</domain>',
      `<qemu:commandline><qemu:arg value='-device'/><qemu:arg value='loader,file=${data},addr=0x1000000,force-raw=on'/></qemu:commandline>\n</domain>`,
    );
  const file = join(dir, 'guest.xml');
  writeFileSync(file, xml, { mode: 0o644 });
  virshAs(host, 'define', file);
  const uuid = virshAs(host, 'domuuid', name).trim();
  virshAs(host, 'start', uuid);
  heavyFiles.push(dir);
  return uuid;
}
const heavyFiles: string[] = [];

/** Every `t-mv-<run>-` domain on every lab host destroyed and undefined; the data files removed. */
export function removeOurGuests(): string[] {
  const removed: string[] = [];
  for (const host of labHosts) {
    for (const [uuid, name] of outOfBandList(host)) {
      if (!name.startsWith(`t-mv-${run}-`)) continue;
      removeGuest(host, uuid);
      removed.push(`${name}@${host.name}`);
    }
  }
  for (const dir of heavyFiles.splice(0)) rmSync(dir, { recursive: true, force: true });
  return removed;
}

/** Where a domain is, out of band: the lab hosts that list its UUID. */
export function hostsListing(uuid: string): string[] {
  return labHosts.filter((h) => outOfBandList(h).has(uuid)).map((h) => h.name);
}
