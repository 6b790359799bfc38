import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineGuestXml, guestXml, virshAs, xmlEscape, type LabHost } from './lab-hosts';
import { run } from './move-lab';

// Volumes and guests with a local disk in the lab pool `default`, for the local-disk move tests:
// every volume made here is remembered, and `removeOurVolumes` deletes them from every host.

export const POOL = 'default';
const made: string[] = [];

/** A name with a space, quotes and `$(…)`: it reaches virsh and the target's pool as data. */
export const volName = (what: string): string => `t-mv-${run} '${what}' $(x).qcow2`;

/** `vol-create-as` in the lab pool (an overlay on `backing` when given), remembered for cleanup. */
export function createVolume(host: LabHost, name: string, size: string, backing?: string): void {
  const args = ['vol-create-as', POOL, name, size, '--format', 'qcow2'];
  if (backing) args.push('--backing-vol', backing, '--backing-vol-format', 'qcow2');
  virshAs(host, ...args);
  if (!made.includes(name)) made.push(name);
}

/** Every volume this run made (or that a move copied under its name) deleted from `hosts`. */
export function removeOurVolumes(hosts: readonly LabHost[]): void {
  for (const host of hosts) {
    for (const name of made) {
      try {
        virshAs(host, 'vol-delete', '--pool', POOL, name);
      } catch {
        // not there (never copied, or already gone)
      }
    }
  }
}

/** A disk element for the guest XML: `volume` of the lab pool, or a file path (virt-manager's way). */
export function diskXml(source: { volume: string } | { file: string }): string {
  const src =
    'volume' in source
      ? `<source pool='${POOL}' volume='${xmlEscape(source.volume)}'/>`
      : `<source file='${xmlEscape(source.file)}'/>`;
  const type = 'volume' in source ? 'volume' : 'file';
  return `<disk type='${type}' device='disk'><driver name='qemu' type='qcow2'/>${src}<target dev='vda' bus='virtio'/></disk>`;
}

/** A guest whose one disk is `volume` in the lab pool, started unless told; its UUID. */
export function guestWithVolume(host: LabHost, name: string, volume: string, start = true): string {
  const xml = guestXml(name).replace('<serial', `${diskXml({ volume })}\n    <serial`);
  const uuid = defineGuestXml(host, name, xml);
  if (start) virshAs(host, 'start', uuid);
  return uuid;
}

/** The lab pool's volume lines, refreshed first. */
export function volumeNames(host: LabHost): string[] {
  virshAs(host, 'pool-refresh', POOL);
  return virshAs(host, 'vol-list', POOL)
    .split('\n')
    .slice(2)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Whether the lab pool of `host` holds `volume`. */
export const hasVolume = (host: LabHost, volume: string): boolean =>
  volumeNames(host).some((line) => line.startsWith(volume));

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** A volume's virtual size in bytes, as the host says (`virsh vol-info --bytes`). */
export function capacityOf(host: LabHost, volume: string): number {
  const line = virshAs(host, 'vol-info', '--bytes', '--pool', POOL, volume)
    .split('\n')
    .find((l) => l.startsWith('Capacity:'));
  return Number(line?.replace(/\D+/g, ''));
}

/** A volume's size and the sha256 of its file: what must not change when nothing may write it. */
export function fingerprint(host: LabHost, volume: string): { capacity: number; sha: string } {
  const path = virshAs(host, 'vol-path', '--pool', POOL, volume).trim();
  return { capacity: capacityOf(host, volume), sha: sha256(readFileSync(path)) };
}
