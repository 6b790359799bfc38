import type { AddressReport, AddressSource, Uptime } from '../domain/vm-details';
import { elapsedWords } from './elapsed-words';
import { formatBytes } from './index';

/** Where an address came from, as an admin knows the source. */
export const ADDRESS_SOURCE_WORDS: Readonly<Record<AddressSource, string>> = {
  lease: "libvirt's DHCP leases",
  agent: 'the guest agent',
  arp: "the host's ARP table",
};

/**
 * What is known of a VM's addresses, in one sentence: which source answered, or that none did
 * and what each said ("No address known: libvirt's DHCP leases had none; the host's ARP table
 * could not be read (…)").
 */
export function addressWords(report: AddressReport): string {
  if (report.notRunning) return 'No address: the VM is not running.';
  if (report.answeredBy !== undefined) return `From ${ADDRESS_SOURCE_WORDS[report.answeredBy]}.`;
  if (report.tried.length === 0) return 'No address known: the VM has no network interface.';
  const said = report.tried.map((attempt) =>
    attempt.error === undefined
      ? `${ADDRESS_SOURCE_WORDS[attempt.source]} had none`
      : `${ADDRESS_SOURCE_WORDS[attempt.source]} could not be read (${attempt.error})`,
  );
  return `No address known: ${said.join('; ')}.`;
}

/** "2 h 5 min", or why the console cannot tell. */
export function uptimeWords(uptime: Uptime): string {
  if (uptime.known) return elapsedWords(uptime.seconds * 1000);
  switch (uptime.why) {
    case 'not-running':
      return 'not running';
    case 'no-process':
      return 'not known (no QEMU process of this VM was found on the host)';
    case 'unreadable':
      return `not known (${uptime.detail ?? 'the host did not say'})`;
  }
}

/**
 * A libosinfo id as people say it: "debian 12" from http://debian.org/debian/12, "win 2k22" from
 * http://microsoft.com/win/2k22; an id of another shape is shown as it is.
 */
export function osWords(osId: string | undefined): string {
  if (osId === undefined) return 'not recorded (no libosinfo id in its metadata)';
  const match = /^https?:\/\/[^/]+\/(.+)$/.exec(osId);
  return match?.[1] ? match[1].split('/').join(' ') : osId;
}

/** A disk's size: GiB and TiB past them (a disk is rarely counted in MiB), else as formatBytes. */
export function formatDiskSize(bytes: number): string {
  const GiB = 1024 ** 3;
  if (bytes >= 1024 * GiB) return `${+(bytes / (1024 * GiB)).toFixed(1)} TiB`;
  if (bytes >= GiB) return `${+(bytes / GiB).toFixed(1)} GiB`;
  return formatBytes(bytes);
}
