import { describe, expect, it } from 'vitest';
import { addressWords, formatDiskSize, osWords, uptimeWords } from './vm-details-words';

describe('VM details in words', () => {
  it('names the address source that answered', () => {
    expect(
      addressWords({
        answeredBy: 'arp',
        tried: [
          { source: 'lease', found: 0 },
          { source: 'arp', found: 1 },
        ],
        notRunning: false,
      }),
    ).toBe("From the host's ARP table.");
  });

  it('says what every source said when none knew an address', () => {
    expect(
      addressWords({
        tried: [
          { source: 'lease', found: 0 },
          { source: 'arp', found: 0, error: 'internal error: wrong nlmsg len' },
        ],
        notRunning: false,
      }),
    ).toBe(
      "No address known: libvirt's DHCP leases had none; the host's ARP table could not be read (internal error: wrong nlmsg len).",
    );
    expect(addressWords({ tried: [], notRunning: true })).toBe(
      'No address: the VM is not running.',
    );
    expect(addressWords({ tried: [], notRunning: false })).toBe(
      'No address known: the VM has no network interface.',
    );
  });

  it('says uptime as a person does, or why it is not known', () => {
    expect(uptimeWords({ known: true, seconds: 7500 })).toBe('2 h 5 min');
    expect(uptimeWords({ known: false, why: 'no-process' })).toContain('no QEMU process');
    expect(uptimeWords({ known: false, why: 'unreadable', detail: 'ps: not found' })).toBe(
      'not known (ps: not found)',
    );
  });

  it('reads a libosinfo id', () => {
    expect(osWords('http://debian.org/debian/12')).toBe('debian 12');
    expect(osWords('http://microsoft.com/win/2k22')).toBe('win 2k22');
    expect(osWords('urn:x')).toBe('urn:x');
    expect(osWords(undefined)).toContain('no libosinfo id');
  });

  it('says disk sizes in GiB and TiB past them', () => {
    expect(formatDiskSize(20 * 1024 ** 3)).toBe('20 GiB');
    expect(formatDiskSize(1.5 * 1024 ** 4)).toBe('1.5 TiB');
    expect(formatDiskSize(16 * 1024 ** 2)).toBe('16 MiB');
  });
});
