import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ParsedRequestOf } from '../../shared/contract/requests';
import type { Host, HostConfig } from '../../shared/domain/host';
import type { HostId } from '../../shared/domain/ids';
import type { Vm } from '../../shared/domain/vm';
import type { Lab, LabHost } from '../../lab/lab-description';
import type { HostLinkListener, TrustedKey, TrustedKeys } from '../core/hosts/host-link';
import type { SshTarget } from '../core/ssh/ssh-connect';
import type { RemoteShell } from '../core/ssh/remote-shell';
import type { HypervisorDriver } from '../core/hypervisor/hypervisor-driver';
import { createLibvirtDriver } from '../core/hypervisor/libvirt/libvirt-driver';

export { labHost, readLab, type Lab, type LabHost } from '../../lab/lab-description';

const ROOT = resolve(import.meta.dirname, '../..');

export function hostConfig(host: LabHost, keyPath: string, id = `lab-${host.name}`): HostConfig {
  return {
    id: id as HostId,
    name: host.name,
    address: host.address,
    port: host.port,
    user: host.user,
    keyPath,
    uri: host.uri,
    labels: {},
    driver: 'libvirt',
  };
}

/** What hosts:add gets for a lab host (the lab's client key; session libvirt). */
export function labAddRequest(lab: Lab, host: LabHost): ParsedRequestOf<'hosts:add'> {
  return {
    name: host.name,
    address: host.address,
    port: host.port,
    user: host.user,
    keyPath: lab.clientKey,
    uri: host.uri,
    labels: {},
  };
}

/** How the console reaches a lab host over SSH: the lab's client key, the host's original key trusted. */
export function labSshTarget(lab: Lab, host: LabHost, extra: Partial<SshTarget> = {}): SshTarget {
  return {
    hostName: host.name,
    address: host.address,
    port: host.port,
    user: host.user,
    keyPath: lab.clientKey,
    trustedFingerprint: host.originalHostKeyFingerprint,
    ...extra,
  };
}

/** lab.sh fault injection (sshd-stop, rotate-hostkey …); serialised by the lab's own lock. */
export function labSh(...args: string[]): string {
  return execFileSync('bash', [join(ROOT, 'lab/lab.sh'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** virsh out of band, as the host's user, without any shell in between. */
export function virshAs(host: LabHost, ...args: string[]): string {
  return execFileSync('runuser', ['-u', host.user, '--', 'virsh', '-c', host.uri, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: '/',
    timeout: 60_000,
  });
}

/** The same, without blocking the event loop (so that timings measured around it are true). */
export async function virshAsAsync(host: LabHost, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    'runuser',
    ['-u', host.user, '--', 'virsh', '-c', host.uri, ...args],
    { encoding: 'utf8', cwd: '/', timeout: 60_000 },
  );
  return stdout;
}

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Define a disk-less guest out of band (the lab's marker included, so `lab.sh up/down` clean it up
 * even if a test dies), optionally tagged with Federator metadata. Returns its UUID.
 */
export function defineGuest(
  host: LabHost,
  name: string,
  tags?: { application: string; service: string },
): string {
  const federator = tags
    ? `<federator:vm xmlns:federator='https://federator.dev/xmlns/vm/1' application='${xmlEscape(tags.application)}' service='${xmlEscape(tags.service)}'/>`
    : '';
  const xml = `<domain type='qemu'>
  <name>${xmlEscape(name)}</name>
  <metadata><lab:guest xmlns:lab='urn:federator:lab'/>${federator}</metadata>
  <memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <features><acpi/></features>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='pty'/><console type='pty'/><memballoon model='none'/></devices>
</domain>`;
  return defineGuestXml(host, name, xml);
}

/** Define a guest from its XML out of band (through a file the host's user can read); its UUID. */
export function defineGuestXml(host: LabHost, name: string, xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'federator-guest-'));
  try {
    chmodSync(dir, 0o755);
    const file = join(dir, 'guest.xml');
    writeFileSync(file, xml, { mode: 0o644 });
    virshAs(host, 'define', file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return virshAs(host, 'domuuid', name).trim();
}

/** Destroy (if running) and undefine, by UUID; quiet when it is already gone. */
export function removeGuest(host: LabHost, uuid: string): void {
  for (const args of [
    ['destroy', uuid],
    ['undefine', uuid],
  ]) {
    try {
      virshAs(host, ...args);
    } catch {
      // not running, or already gone
    }
  }
}

/** `virsh list --all --uuid --name` out of band, as a uuid → name map. */
export function outOfBandList(host: LabHost): Map<string, string> {
  const out = virshAs(host, 'list', '--all', '--uuid', '--name');
  return new Map(
    out
      .split('\n')
      .filter((line) => line.length > 37)
      .map((line) => [line.slice(0, 36), line.slice(37)] as const),
  );
}

/** PIDs of processes named `name` that run as `user` (the fault must hit only that host's daemon). */
export function pidsOf(user: string, name: string): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-u', user, '-o', 'pid=,comm='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, comm]) => comm === name)
    .map(([pid]) => Number(pid));
}

/** Poll a condition (for out-of-band state only; link events are awaited through the listener). */
export async function until<T>(
  what: string,
  probe: () => T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface Recorder {
  listener: HostLinkListener;
  hosts: { at: number; host: Host }[];
  vms: { at: number; vms: readonly Vm[] }[];
  logs: string[];
  /** Resolves with the first host report (past or future) that satisfies the predicate. */
  host(predicate: (host: Host) => boolean, timeoutMs?: number): Promise<Host>;
  /** Resolves with the time of the first vms() report after `since` that satisfies the predicate. */
  vmsAfter(
    since: number,
    predicate: (vms: readonly Vm[]) => boolean,
    timeoutMs?: number,
  ): Promise<number>;
}

/** A listener that keeps everything a link reported, with when, for tests to wait on. */
export function recorder(): Recorder {
  const rec: Recorder = {
    hosts: [],
    vms: [],
    logs: [],
    listener: {
      host: (host) => rec.hosts.push({ at: performance.now(), host }),
      vms: (vms) => rec.vms.push({ at: performance.now(), vms }),
      log: (entry) => rec.logs.push(`${entry.level}: ${entry.message}`),
    },
    host: (predicate, timeoutMs = 30_000) =>
      until('a host report', () => rec.hosts.find((r) => predicate(r.host))?.host, timeoutMs).catch(
        (error: Error) => {
          const seen = rec.hosts
            .map((r) => `${r.host.state}: ${r.host.stateDetail ?? ''}`)
            .join('\n');
          throw new Error(`${error.message}; reports so far:\n${seen}`);
        },
      ),
    vmsAfter: (since, predicate, timeoutMs = 30_000) =>
      until(
        'a VM list',
        () => rec.vms.find((r) => r.at >= since && predicate(r.vms))?.at,
        timeoutMs,
      ).catch((error: Error) => {
        const lists = rec.vms.map(
          (r) => `${r.at.toFixed(0)}: ${r.vms.map((v) => `${v.name}=${v.state}`).join(', ')}`,
        );
        throw new Error(
          `${error.message} (since ${since.toFixed(0)}); lists so far:\n${lists.join('\n')}\n` +
            `log:\n${rec.logs.join('\n')}`,
        );
      }),
  };
  return rec;
}

/** In-memory trusted keys, as the inventory would keep them (fingerprints given as plain strings). */
export function memoryKeys(
  initial: Record<string, string> = {},
): TrustedKeys & { map: Map<string, TrustedKey> } {
  const map = new Map<string, TrustedKey>(
    Object.entries(initial).map(([id, fingerprint]) => [id, { fingerprint }]),
  );
  return {
    map,
    get: (id) => map.get(id),
    set: (id, key) => {
      map.set(id, key);
      return Promise.resolve();
    },
    forget: (id) => {
      map.delete(id);
      return Promise.resolve();
    },
  };
}

/**
 * PIDs of the QEMU processes of one domain running as `user`, told apart by the `-uuid` argument
 * in their command line (read from /proc, never matched by name alone): a fault injected by PID
 * must hit only the test's own guest. `incoming` keeps only a migration's receiving process.
 */
export function qemuPidsOf(
  user: string,
  uuid: string,
  options: { incoming?: boolean } = {},
): number[] {
  const found: number[] = [];
  for (const pid of pidsOf(user, 'qemu-system-x86')) {
    let args: string[];
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // ended meanwhile
    }
    const named = args.some((arg, i) => arg === '-uuid' && args[i + 1] === uuid);
    if (named && (options.incoming !== true || args.includes('-incoming'))) found.push(pid);
  }
  return found;
}

/** A disk-less lab guest's XML (with the lab's marker, so `lab.sh down` removes it if we die). */
export function guestXml(
  name: string,
  options: {
    uuid?: string;
    memoryMiB?: number;
    tags?: { application: string; service: string };
  } = {},
): string {
  const federator = options.tags
    ? `<federator:vm xmlns:federator='https://federator.dev/xmlns/vm/1' application='${xmlEscape(options.tags.application)}' service='${xmlEscape(options.tags.service)}'/>`
    : '';
  return `<domain type='qemu'>
  <name>${xmlEscape(name)}</name>${options.uuid === undefined ? '' : `\n  <uuid>${options.uuid}</uuid>`}
  <metadata><lab:guest xmlns:lab='urn:federator:lab'/>${federator}</metadata>
  <memory unit='MiB'>${options.memoryMiB ?? 64}</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <features><acpi/></features>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='pty'/><console type='pty'/><memballoon model='none'/></devices>
</domain>`;
}

/**
 * Drop packets to a lab host's sshd in an nft table of the test's own: `who` 'console' drops
 * root's only (a partition: the peers, other users, still reach it), 'everyone' all of them.
 */
export function dropSshPackets(table: string, host: LabHost, who: 'console' | 'everyone'): void {
  const owner = who === 'console' ? ' meta skuid 0' : '';
  const rule = `ip daddr ${host.address} tcp dport ${host.port}${owner} drop`;
  execFileSync('nft', ['-f', '-'], {
    input: `table inet ${table} { chain out { type filter hook output priority 0; ${rule}; }; }`,
  });
}

/** Delete the test's nft table; quiet when it is not there. */
export function deleteNftTable(table: string): void {
  try {
    execFileSync('nft', ['delete', 'table', 'inet', table], { stdio: 'ignore' });
  } catch {
    // not there: nothing to delete
  }
}

/** The real libvirt driver over an open session to a lab host, as the console builds it. */
export function labDriver(shell: RemoteShell, host: LabHost): HypervisorDriver {
  return createLibvirtDriver({
    shell,
    hostId: `lab-${host.name}` as HostId,
    hostName: host.name,
    uri: host.uri,
  });
}
