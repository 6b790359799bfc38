/**
 * A plan's unplaced VMs in words: the refusals grouped by host count ("412 hosts: memory short by
 * ≥ 512 MiB") and the suggestions ("free 4.0 GiB of memory on small1"), with names from a `Namer`
 * (the command line names by id). The engine hands over data only; this is where it is said.
 */
import type { PlacementPlan, RefusalGroup, Suggestion, UnplacedVm } from '../placement/plan-types';
import { formatMemory, plural } from '.';
import { ID_NAMER, type Namer } from './namer';
import { fmt, reasonWords, vcpuWords } from './reasons';

/** One refusal group: "412 hosts: memory short by ≥ 512 MiB". */
export function refusalGroupWords(g: RefusalGroup, application: string, names: Namer): string {
  const subject = g.subject ?? '?';
  const short = g.shortBy ?? 0;
  const holder = (): string =>
    g.subject === undefined ? names.application(application) : names.vm(g.subject);
  const what = (): string => {
    switch (g.code) {
      case 'down':
        return 'not available';
      case 'maintenance':
        return 'in maintenance';
      case 'evacuating':
        return 'being evacuated';
      case 'hypervisor':
        return `hypervisor is not ${subject}`;
      case 'label':
        return `no label ${subject}`;
      case 'no-path':
        return `no migration path from ${names.host(subject)}`;
      case 'spread-host':
        return `anti-affinity with ${holder()}`;
      case 'spread-zone':
        return `zone already runs ${holder()} (zone spread)`;
      case 'colocate':
        return `no VM of ${names.application(subject)} to co-locate with`;
      case 'memory':
        return `memory short by ≥ ${g.shortBy === undefined ? '' : formatMemory(short)}`;
      case 'cpu':
        return `CPU short by ≥ ${vcpuWords(short)}`;
      case 'disk':
        return `disk short by ≥ ${fmt(short)} GiB`;
      case 'partner-leaves':
        return 'a VM there must stay co-located with it';
    }
  };
  return `${plural(g.hosts, 'host')}: ${what()}`;
}

/** One suggestion: "free 4.0 GiB of memory on small1", "take hv2 out of maintenance". */
export function suggestionWords(s: Suggestion, names: Namer): string {
  switch (s.kind) {
    case 'free-resources': {
      const { cpu, memoryMiB, diskGiB } = s.resources;
      const parts = [
        memoryMiB > 0 ? `${formatMemory(memoryMiB)} of memory` : '',
        cpu > 0 ? vcpuWords(cpu) : '',
        diskGiB > 0 ? `${fmt(diskGiB)} GiB of disk` : '',
      ].filter((p) => p !== '');
      return `free ${parts.join(' and ')} on ${names.host(s.host)}`;
    }
    case 'leave-maintenance':
      return `take ${names.host(s.host)} out of maintenance`;
    case 'relax-rule':
      return `${relaxWords(s, names)}: ${plural(s.hostsThatWouldFit, 'host')} would fit`;
    case 'add-host': {
      const { cpu, memoryMiB, diskGiB } = s.resources;
      const disk = diskGiB > 0 ? `, ${diskGiB} GiB of disk` : '';
      const size = `${plural(cpu, 'core')}, ${formatMemory(memoryMiB)} of memory${disk}`;
      const extra = [
        ...(s.hypervisor === undefined ? [] : [`hypervisor ${s.hypervisor}`]),
        ...(s.labels.length > 0 ? [`labels ${s.labels.join(', ')}`] : []),
      ];
      return `add a host with at least ${size}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`;
    }
  }
}

function relaxWords(s: Extract<Suggestion, { kind: 'relax-rule' }>, names: Namer): string {
  const app = names.application(s.application);
  const subject = s.subject ?? '?';
  switch (s.rule) {
    case 'spread-host':
      return `make the host spread rule of ${app} soft`;
    case 'spread-zone':
      return `make the zone spread rule of ${app} soft`;
    case 'colocate':
      return `make the co-location of ${app} with ${names.application(subject)} soft`;
    case 'label':
      return `drop the label requirements of ${app}`;
    case 'hypervisor':
      return `drop the hypervisor requirement (${subject}) of ${app}`;
    case 'no-path':
      return `open a migration path from ${names.host(subject)}`;
  }
}

/** Why a VM stays unplaced, one line per refusal group (or why it was left out). */
export function unplacedWords(u: UnplacedVm, names: Namer): string[] {
  if (u.blockedBy !== undefined) {
    return [reasonWords({ code: 'service-blocked', ...u.blockedBy }, names)];
  }
  if (u.refusals.length === 0) return [reasonWords({ code: 'no-hosts' }, names)];
  return u.refusals.map((g) => refusalGroupWords(g, u.application, names));
}

/** The plan as the command line prints it: each unplaced VM and suggestion with its words. */
export function planWithWords(plan: PlacementPlan, names: Namer = ID_NAMER) {
  return {
    ...plan,
    unplaced: plan.unplaced.map(({ vm, application, refusals, suggestions, ...rest }) => ({
      vm,
      application,
      reasons: unplacedWords({ vm, application, refusals, suggestions, ...rest }, names),
      refusals: refusals.map((g) => ({
        ...g,
        message: refusalGroupWords(g, application, names),
      })),
      suggestions: suggestions.map(({ kind, ...s }) => ({
        kind,
        message: suggestionWords({ kind, ...s } as Suggestion, names),
        ...s,
      })),
      ...rest,
    })),
  };
}

/** The application that keeps an all-or-nothing service from being placed: "db fits nowhere". */
export function blockedByWords(application: string, names: Namer): string {
  return `${names.application(application)} fits nowhere`;
}
