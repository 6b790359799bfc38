import { z } from 'zod';
import type { IpAddress } from '../../../../shared/domain/vm-details';
import { UptimeSeconds } from '../../../../shared/domain/host-figures';
import { boundedFigure, parseError } from './parse-error';

/** Sizes of one disk as `virsh domblkinfo --all` prints them; undefined where it prints '-'. */
export interface DiskSizes {
  capacityBytes?: number;
  allocationBytes?: number;
  physicalBytes?: number;
}

const DOMBLKINFO = 'virsh domblkinfo --all';
const DOMIFADDR = 'virsh domifaddr --full';

/**
 * The rows of one of virsh's tables: a header line, a line of dashes, then one row per line, split
 * on runs of blanks. Output without the dashes line is not a table we know.
 */
function tableRows(output: string, command: string): string[][] {
  const lines = output.split('\n');
  const rule = lines.findIndex((line) => /^-{5,}\s*$/.test(line.trim()));
  if (rule === -1) {
    if (output.trim() === '') return [];
    throw parseError(command, 'no table (its line of dashes is missing)', output);
  }
  return lines
    .slice(rule + 1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/));
}

/** `virsh domblkinfo DOMAIN --all`: Target, Capacity, Allocation, Physical in bytes, by target. */
export function parseBlockInfo(output: string): Map<string, DiskSizes> {
  const sizes = new Map<string, DiskSizes>();
  for (const row of tableRows(output, DOMBLKINFO)) {
    const [target, capacity, allocation, physical] = row;
    if (target === undefined || physical === undefined || row.length !== 4) {
      throw parseError(
        DOMBLKINFO,
        `not a "target capacity allocation physical" row: ${JSON.stringify(row.join(' '))}`,
        output,
      );
    }
    if (sizes.has(target)) throw parseError(DOMBLKINFO, `target ${target} appears twice`, output);
    const figure = (text: string | undefined, what: string): number | undefined => {
      if (text === '-' || text === undefined) return undefined;
      const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
      return boundedFigure(
        value,
        ByteCount,
        { command: DOMBLKINFO, what: `${what} of ${target}`, output },
        text,
      );
    };
    const capacityBytes = figure(capacity, 'capacity');
    const allocationBytes = figure(allocation, 'allocation');
    const physicalBytes = figure(physical, 'physical size');
    sizes.set(target, {
      ...(capacityBytes === undefined ? {} : { capacityBytes }),
      ...(allocationBytes === undefined ? {} : { allocationBytes }),
      ...(physicalBytes === undefined ? {} : { physicalBytes }),
    });
  }
  return sizes;
}

/** Whole bytes that a double holds exactly. */
const ByteCount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** One address row of `virsh domifaddr --full`, with the MAC it belongs to (lower case). */
export interface InterfaceAddress extends IpAddress {
  mac: string;
}

/**
 * `virsh domifaddr DOMAIN --full --source S`: Name, MAC address, Protocol, Address/prefix. With
 * --full every row names its interface and MAC; a '-' (older virsh, or without --full) repeats the
 * row above.
 */
export function parseInterfaceAddresses(output: string): InterfaceAddress[] {
  const found: InterfaceAddress[] = [];
  let lastMac: string | undefined;
  for (const row of tableRows(output, DOMIFADDR)) {
    const [, macText, protocol, cidr] = row;
    const shown = JSON.stringify(row.join(' '));
    if (row.length !== 4 || macText === undefined || cidr === undefined) {
      throw parseError(DOMIFADDR, `not a "name MAC protocol address" row: ${shown}`, output);
    }
    const mac = macText === '-' ? lastMac : macText.toLowerCase();
    if (mac === undefined || !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(mac)) {
      throw parseError(DOMIFADDR, `no MAC address in row ${shown}`, output);
    }
    if (protocol !== 'ipv4' && protocol !== 'ipv6') {
      throw parseError(DOMIFADDR, `unknown protocol in row ${shown}`, output);
    }
    const [address = '', prefixText] = cidr.split('/');
    if (!validAddress(protocol, address)) {
      throw parseError(DOMIFADDR, `not an ${protocol} address in row ${shown}`, output);
    }
    const prefix = prefixText === undefined ? undefined : Number(prefixText);
    if (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= 128)) {
      throw parseError(DOMIFADDR, `not a prefix length in row ${shown}`, output);
    }
    lastMac = mac;
    found.push({ mac, protocol, address, ...(prefix === undefined ? {} : { prefix }) });
  }
  return found;
}

function validAddress(protocol: 'ipv4' | 'ipv6', address: string): boolean {
  if (protocol === 'ipv4') {
    const parts = address.split('.');
    return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
  }
  return address.length <= 45 && /^[0-9a-fA-F:.]+$/.test(address) && address.includes(':');
}

/**
 * `ps -o etimes=,comm= -p PIDS`: seconds since each process started, and its command. The VM's
 * QEMU is the one whose command starts with "qemu"; undefined when none of them is.
 */
export function parseProcessAge(
  output: string,
  command = 'ps -o etimes=,comm=',
): number | undefined {
  for (const line of output.split('\n')) {
    const match = /^\s*(\S+)\s+(\S.*)$/.exec(line);
    if (!match) {
      if (line.trim() === '') continue;
      throw parseError(command, `not a "seconds command" line: ${JSON.stringify(line)}`, output);
    }
    const [, seconds = '', comm = ''] = match;
    if (!comm.startsWith('qemu')) continue;
    const value = /^\d+$/.test(seconds) ? Number(seconds) : Number.NaN;
    return boundedFigure(
      value,
      UptimeSeconds,
      { command, what: 'the QEMU process age', output },
      seconds,
    );
  }
  return undefined;
}
