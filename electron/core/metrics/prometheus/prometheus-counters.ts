import type { HostId } from '../../../../shared/domain/ids';
import { MAX_VMS_PER_SAMPLE } from '../../../../shared/domain/metrics';
import {
  instanceAddress,
  instanceKeyOf,
  type PrometheusMiss,
} from '../../../../shared/domain/prometheus';
import { vmStateOf } from '../../hypervisor/libvirt/domain-state';
import type { CounterSample, HostCounters, VmCounters } from '../counters';
import { NOT_HOST_INTERFACES } from '../parse-host-counters';
import type { Series } from './prometheus-http';

/**
 * The instant queries of one round, fleet-wide (their number does not grow with the fleet), and
 * how their answers become the same CounterSample the SSH sample gives, so that rates, history,
 * charts and alerts do not know where a figure came from.
 *
 * Metric names: node_exporter 1.5 and Debian's prometheus-libvirt-exporter 0.2 (seen on the lab:
 * libvirt_domain_info_cpu_time_seconds_total{domain,uuid}, …_virtual_cpus, …_memory_usage_bytes,
 * libvirt_domain_state_code, libvirt_domain_block_stats_{read,write}_bytes_total{target_device},
 * libvirt_domain_interface_stats_{receive,transmit}_bytes_total).
 */
const HOST_NET = `device!~"(${NOT_HOST_INTERFACES.join('|')}).*"`;
export const QUERIES = {
  /** When each node_exporter was scraped: the host's clock for its rates. */
  nodeScrapedAt: 'timestamp(node_boot_time_seconds)',
  nodeGauges:
    '{__name__=~"node_boot_time_seconds|node_memory_MemTotal_bytes|node_memory_MemAvailable_bytes"}',
  nodeCpu: 'sum by (instance, mode) (node_cpu_seconds_total)',
  nodeRx: `sum by (instance) (node_network_receive_bytes_total{${HOST_NET}})`,
  nodeTx: `sum by (instance) (node_network_transmit_bytes_total{${HOST_NET}})`,
  rootDisk: '{__name__=~"node_filesystem_(size|free)_bytes",mountpoint="/"}',
  libvirtScrapedAt: 'timestamp(libvirt_up)',
  domains:
    '{__name__=~"libvirt_domain_info_(cpu_time_seconds_total|virtual_cpus|memory_usage_bytes)|libvirt_domain_state_code"}',
  domainRx: 'sum by (instance, domain) (libvirt_domain_interface_stats_receive_bytes_total)',
  domainTx: 'sum by (instance, domain) (libvirt_domain_interface_stats_transmit_bytes_total)',
  domainRead: 'sum by (instance, domain) (libvirt_domain_block_stats_read_bytes_total)',
  domainWrite: 'sum by (instance, domain) (libvirt_domain_block_stats_write_bytes_total)',
} as const;
export type QueryName = keyof typeof QUERIES;
export type Answers = Record<QueryName, Series[]>;

/** The libvirt exporter's per-domain series, by the figure each gives. */
const DOMAIN_FIGURES: ReadonlyMap<string, string> = new Map([
  ['libvirt_domain_info_cpu_time_seconds_total', 'cpu_time'],
  ['libvirt_domain_info_virtual_cpus', 'virtual_cpus'],
  ['libvirt_domain_info_memory_usage_bytes', 'memory_usage'],
  ['libvirt_domain_state_code', 'state_code'],
]);

/** A counter or gauge a host could hold: not negative, below 2^64. */
const plausible = (value: number): boolean => value >= 0 && value < 2 ** 64;

interface NodeFigures {
  scrapedAt?: number;
  boot?: number;
  memTotal?: number;
  memAvailable?: number;
  cpu: Map<string, number>;
  rx?: number;
  tx?: number;
  rootSize?: number;
  rootFree?: number;
}
interface LibvirtFigures {
  scrapedAt?: number;
  domains: Map<string, Partial<Record<string, number>>>;
}

export interface HostRef {
  id: HostId;
  address: string;
}

export interface Mapping {
  samples: Map<HostId, { counters: CounterSample; scrapedAt: number }>;
  /** Hosts left to SSH, with why. */
  unmatched: Map<HostId, PrometheusMiss>;
  nodeTargets: number;
  libvirtTargets: number;
}

/** The answers of one round, per host: what Prometheus knows of each, and why not for the rest. */
export function countersFromAnswers(
  answers: Answers,
  hosts: readonly HostRef[],
  overrides: Readonly<Record<string, string>>,
): Mapping {
  const nodes = new Map<string, NodeFigures>();
  const node = (instance: string): NodeFigures => {
    let figures = nodes.get(instance);
    if (figures === undefined) nodes.set(instance, (figures = { cpu: new Map() }));
    return figures;
  };
  const libvirts = new Map<string, LibvirtFigures>();
  const libvirt = (instance: string): LibvirtFigures => {
    let figures = libvirts.get(instance);
    if (figures === undefined) libvirts.set(instance, (figures = { domains: new Map() }));
    return figures;
  };
  const each = (name: QueryName, use: (instance: string, s: Series) => void) => {
    for (const s of answers[name]) {
      const instance = s.labels.instance?.toLowerCase();
      if (instance !== undefined && plausible(s.value)) use(instance, s);
    }
  };
  each('nodeScrapedAt', (i, s) => (node(i).scrapedAt = s.value));
  each('nodeGauges', (i, s) => {
    const figures = node(i);
    const name = s.labels.__name__;
    if (name === 'node_boot_time_seconds') figures.boot = s.value;
    if (name === 'node_memory_MemTotal_bytes') figures.memTotal = s.value;
    if (name === 'node_memory_MemAvailable_bytes') figures.memAvailable = s.value;
  });
  each('nodeCpu', (i, s) => {
    const mode = s.labels.mode;
    if (mode !== undefined) node(i).cpu.set(mode, s.value);
  });
  each('nodeRx', (i, s) => (node(i).rx = s.value));
  each('nodeTx', (i, s) => (node(i).tx = s.value));
  each('rootDisk', (i, s) => {
    // Several filesystems may claim / (rootfs under the real one): the largest is the disk.
    const figures = node(i);
    if (s.labels.__name__ === 'node_filesystem_size_bytes') {
      figures.rootSize = Math.max(figures.rootSize ?? 0, s.value);
    } else figures.rootFree = Math.max(figures.rootFree ?? 0, s.value);
  });
  each('libvirtScrapedAt', (i, s) => (libvirt(i).scrapedAt = s.value));
  const domainFigure = (query: QueryName, keyOf: (s: Series) => string | undefined) =>
    each(query, (i, s) => {
      const name = s.labels.domain;
      const key = keyOf(s);
      if (name === undefined || key === undefined) return;
      const domains = libvirt(i).domains;
      const figures = domains.get(name) ?? {};
      figures[key] = s.value;
      domains.set(name, figures);
    });
  domainFigure('domainRx', () => 'rx');
  domainFigure('domainTx', () => 'tx');
  domainFigure('domainRead', () => 'read');
  domainFigure('domainWrite', () => 'write');
  domainFigure('domains', (s) => DOMAIN_FIGURES.get(s.labels.__name__ ?? ''));

  const nodeAt = indexByAddress(nodes.keys());
  const libvirtAt = indexByAddress(libvirts.keys());
  const mapping: Mapping = {
    samples: new Map(),
    unmatched: new Map(),
    nodeTargets: [...nodes.values()].filter((n) => n.scrapedAt !== undefined).length,
    libvirtTargets: [...libvirts.values()].filter((l) => l.scrapedAt !== undefined).length,
  };
  for (const host of hosts) {
    const key = instanceKeyOf(host, overrides);
    const nodeInstance = lookup(key, nodes, nodeAt);
    const libvirtInstance = lookup(key, libvirts, libvirtAt);
    const n = nodeInstance === undefined ? undefined : nodes.get(nodeInstance);
    if (n === undefined || n.scrapedAt === undefined) {
      mapping.unmatched.set(host.id, { code: 'no-node-exporter', at: key });
      continue;
    }
    const counters = hostCounters(n);
    if ('missing' in counters) {
      const instance = nodeInstance ?? ('instance' in key ? key.instance : key.address);
      mapping.unmatched.set(host.id, { code: 'node-incomplete', instance, ...counters });
      continue;
    }
    const l = libvirtInstance === undefined ? undefined : libvirts.get(libvirtInstance);
    if (l === undefined || l.scrapedAt === undefined) {
      mapping.unmatched.set(host.id, { code: 'no-libvirt-exporter', at: key });
      continue;
    }
    const boot = n.boot as number;
    mapping.samples.set(host.id, {
      counters: { host: counters, vms: vmCounters(l, l.scrapedAt - boot) },
      scrapedAt: n.scrapedAt,
    });
  }
  return mapping;
}

/** Instances by their address (`10.0.0.5:9100` under `10.0.0.5`), first in sorted order wins. */
function indexByAddress(instances: Iterable<string>): Map<string, string> {
  const index = new Map<string, string>();
  for (const instance of [...instances].sort()) {
    const address = instanceAddress(instance);
    if (!index.has(address)) index.set(address, instance);
  }
  return index;
}

function lookup(
  key: { instance: string } | { address: string },
  byInstance: Map<string, unknown>,
  byAddress: Map<string, string>,
): string | undefined {
  if ('instance' in key) return byInstance.has(key.instance) ? key.instance : undefined;
  return byAddress.get(key.address);
}

type NodeMissing = Extract<PrometheusMiss, { code: 'node-incomplete' }>['missing'];

/** node_exporter's figures as /proc would give them (CPU in jiffies), or what is missing. */
function hostCounters(n: NodeFigures): HostCounters | { missing: NodeMissing } {
  if (n.boot === undefined || n.scrapedAt === undefined || n.scrapedAt <= n.boot) {
    return { missing: 'boot-time' };
  }
  if (n.memTotal === undefined || n.memAvailable === undefined) return { missing: 'memory' };
  const idle = n.cpu.get('idle');
  if (idle === undefined) return { missing: 'cpu' };
  // /proc/stat's split: busy is all but idle and iowait (the parser of the SSH sample does the same).
  let total = 0;
  for (const seconds of n.cpu.values()) total += seconds;
  const iowait = n.cpu.get('iowait') ?? 0;
  const jiffies = (seconds: number) => Math.round(seconds * 100);
  const counters: HostCounters = {
    uptimeSeconds: n.scrapedAt - n.boot,
    cpu: {
      busy: jiffies(total - idle - iowait),
      iowait: jiffies(iowait),
      total: jiffies(total),
    },
    memoryTotalKiB: n.memTotal / 1024,
    memoryAvailableKiB: n.memAvailable / 1024,
    netRxBytes: n.rx ?? 0,
    netTxBytes: n.tx ?? 0,
  };
  if (n.rootSize !== undefined && n.rootFree !== undefined && n.rootSize > 0) {
    // df's "used" is size − free (the root-reserved blocks count as used).
    const used = Math.max(0, n.rootSize - Math.min(n.rootFree, n.rootSize));
    counters.rootDisk = { sizeKiB: n.rootSize / 1024, usedKiB: used / 1024 };
  }
  return counters;
}

/** The libvirt exporter's domains as domstats would give them, read at `readAtSeconds` of uptime. */
function vmCounters(l: LibvirtFigures, readAtSeconds: number): VmCounters[] {
  const vms: VmCounters[] = [];
  for (const [name, f] of l.domains) {
    if (vms.length >= MAX_VMS_PER_SAMPLE) break;
    const state = f.state_code === undefined ? undefined : vmStateOf(f.state_code);
    if (state === undefined) continue; // no state: not a domain the exporter described whole
    const vm: VmCounters = { name, state, readAtSeconds };
    if (f.virtual_cpus !== undefined && f.virtual_cpus >= 1) vm.vcpus = f.virtual_cpus;
    if (f.cpu_time !== undefined) vm.cpuTimeNs = Math.round(f.cpu_time * 1e9);
    if (f.memory_usage !== undefined) vm.memoryUsedKiB = f.memory_usage / 1024;
    if (f.rx !== undefined) vm.netRxBytes = f.rx;
    if (f.tx !== undefined) vm.netTxBytes = f.tx;
    if (f.read !== undefined) vm.blockReadBytes = f.read;
    if (f.write !== undefined) vm.blockWriteBytes = f.write;
    vms.push(vm);
  }
  return vms;
}
