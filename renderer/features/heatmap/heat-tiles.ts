import type { Host, HostId, Labels, Vm } from '../../../shared/domain';
import type { HostSample } from '../../../shared/domain/metrics';
import type { Overcommit } from '../../../shared/placement-input/build-input';
import { cpuRoom, memoryRoom } from '../../../shared/placement-input/host-room';
import { formatMemory, plural } from '../../../shared/words';
import { cpuRoomWords } from '../../../shared/words/room-words';
import { formatPercent } from '../../../shared/words/figure-words';
import type { ApplicationWeights } from '../topology/application-weights';
import { hostView, troubleReason } from '../topology/state-view';
import {
  bandOf,
  bandWords,
  COLOUR_BY,
  isProblem,
  type ColourBy,
  type HealthLevel,
  type HeatKey,
} from './heat-scale';

/** One host on the heat map: what colours its tile, and its figures in words for the tooltip. */
export interface HeatTile {
  hostId: HostId;
  name: string;
  labels: Labels;
  health: HealthLevel;
  /** The host's state and what is wrong, in words: "Connected · 1 VM crashed". */
  healthWords: string;
  key: HeatKey;
  /** Drawn hatched and marked, whatever the colouring. */
  problem: boolean;
  /** The chosen metric in % (undefined with health colouring, or before a figure). */
  percent: number | undefined;
  /** The chosen metric in words, exact: "CPU 43 % of 16 cores". */
  valueWords: string;
  /**
   * The tile's accessible name: name, health and the band, not the exact figure, so that a new
   * sample re-renders only the tiles whose band moved.
   */
  label: string;
}

/** What the tiles are made from: the fleet, the latest samples and what the engine counts with. */
export interface HeatInput {
  hosts: readonly Host[];
  vmsByHost: ReadonlyMap<string, readonly Vm[]>;
  samples: Readonly<Record<string, HostSample>>;
  /** The fleet's ratios (Settings); absent until loaded, and then allocation has no figure. */
  overcommit: Overcommit | undefined;
  /** vCPUs and memory each application's VMs weigh, as the engine counts them. */
  apps: ApplicationWeights;
}

const NO_VMS: readonly Vm[] = [];

/** How healthy a host is: its link state first, then its VMs (a crashed VM on a connected host). */
export function hostHealth(host: Host, vms: readonly Vm[]): { level: HealthLevel; words: string } {
  const view = hostView(host);
  if (view.label !== hostView({ state: host.state }).label) {
    return { level: 'waiting', words: view.label }; // a passphrase to give: a question, not a fault
  }
  switch (host.state) {
    case 'connected': {
      const crashed = vms.filter((vm) => vm.state === 'crashed').length;
      return crashed > 0
        ? { level: 'vm-trouble', words: `${view.label} · ${plural(crashed, 'VM')} crashed` }
        : { level: 'ok', words: view.label };
    }
    case 'hypervisor-problem':
      return { level: 'hypervisor', words: `${view.label}: ${troubleReason(host)}` };
    case 'unreachable':
    case 'auth-failed':
    case 'host-key-changed':
      return { level: 'down', words: `${view.label}: ${troubleReason(host)}` };
    case 'connecting':
    case 'host-key-unknown':
      return { level: 'waiting', words: view.label };
    case 'disconnected':
      return { level: 'off', words: view.label };
  }
}

/** The chosen metric of one host, in % with its words; undefined percent when there is no figure. */
export function hostMetric(
  colourBy: Exclude<ColourBy, 'health'>,
  host: Host,
  vms: readonly Vm[],
  input: HeatInput,
): { percent: number | undefined; words: string } {
  const sample = input.samples[host.config.id];
  const usage = sample?.host;
  const cores = host.facts?.value.cpu.cores;
  switch (colourBy) {
    case 'cpu':
      return usage?.cpu === undefined
        ? { percent: undefined, words: 'CPU: no sample yet' }
        : {
            percent: usage.cpu,
            words: `CPU ${formatPercent(usage.cpu)}${cores ? ` of ${plural(cores, 'core')}` : ''}`,
          };
    case 'memory': {
      const total = usage?.memoryTotalMiB ?? host.facts?.value.memoryMiB;
      if (usage?.memory === undefined || !total) {
        return { percent: undefined, words: 'Memory: no sample yet' };
      }
      const percent = (usage.memory / total) * 100;
      return {
        percent,
        words: `Memory ${formatPercent(percent)} used: ${formatMemory(usage.memory)} of ${formatMemory(total)}`,
      };
    }
    case 'vcpus': {
      const room = input.overcommit && cpuRoom(host, vms, input.apps.vcpus, input.overcommit);
      if (!room) return { percent: undefined, words: 'vCPUs allocated: not reached yet' };
      const percent = (room.used / room.capacity) * 100;
      return {
        percent,
        words: `vCPUs allocated ${formatPercent(percent)}: ${cpuRoomWords(room).text}`,
      };
    }
    case 'promised': {
      const room = input.overcommit && memoryRoom(host, vms, input.apps.memory, input.overcommit);
      if (!room || room.capacityMiB <= 0) {
        return { percent: undefined, words: 'Memory promised: not reached yet' };
      }
      const percent = (room.usedMiB / room.capacityMiB) * 100;
      return {
        percent,
        words: `Memory promised ${formatPercent(percent)}: ${formatMemory(room.usedMiB)} of ${formatMemory(room.capacityMiB)}`,
      };
    }
  }
}

/** One tile per host, in the fleet's order. Every tile one literal of one shape: 1,000 a sample. */
export function buildTiles(input: HeatInput, colourBy: ColourBy): HeatTile[] {
  const metricLabel = COLOUR_BY.find((c) => c.value === colourBy)?.figure ?? colourBy;
  return input.hosts.map((host): HeatTile => {
    const vms = input.vmsByHost.get(host.config.id) ?? NO_VMS;
    const health = hostHealth(host, vms);
    const problem = isProblem(health.level);
    const name = host.config.name;
    let key: HeatKey = health.level;
    let percent: number | undefined;
    let valueWords = health.words;
    let label = `${name}: ${health.words}`;
    if (colourBy !== 'health') {
      const metric = hostMetric(colourBy, host, vms, input);
      percent = metric.percent;
      valueWords = metric.words;
      if (percent === undefined) {
        // No figure: a host in trouble keeps its health colour (hatched), the others stay empty.
        key = problem ? health.level : 'none';
        label = `${label}, ${metricLabel} unknown`;
      } else {
        const band = bandOf(percent);
        key = `b${band}`;
        label = `${label}, ${metricLabel} ${bandWords(band)}`;
      }
    }
    return {
      hostId: host.config.id,
      name,
      labels: host.config.labels,
      health: health.level,
      healthWords: health.words,
      key,
      problem,
      percent,
      valueWords,
      label,
    };
  });
}
