import type { SearchMatch } from '../../../shared/search/match-query';
import { HOST_STATE_WORDS, plural, VM_STATE_WORDS } from '../../../shared/words';
import type { JumpTarget } from '../alerts/jump-to';

export interface SearchOption {
  /** Unique in the list: the DOM id of the option and React's key. */
  key: string;
  label: string;
  detail: string;
  /** Where Enter takes the admin: the alerts' jump does the same. */
  target: JumpTarget;
}

export interface SearchGroup {
  title: 'Hosts' | 'VMs' | 'Services' | 'Applications';
  options: SearchOption[];
  /** How many the search found in all; the options are the first few. */
  total: number;
}

/** Results per kind in the list: the views show all of them, the list the best few of each. */
export const SHOWN_PER_GROUP = 6;

/** The results list of a search: one group per kind that found something, in a fixed order. */
export function resultGroups(match: SearchMatch, perGroup = SHOWN_PER_GROUP): SearchGroup[] {
  const groups: SearchGroup[] = [
    {
      title: 'Hosts',
      total: match.hosts.length,
      options: match.hosts.slice(0, perGroup).map((h) => ({
        key: `host:${h.id}`,
        label: h.name,
        detail: [HOST_STATE_WORDS[h.state].label, ...h.labelTexts].join(' · '),
        target: { kind: 'host', hostId: h.id },
      })),
    },
    {
      title: 'VMs',
      total: match.vms.length,
      options: match.vms.slice(0, perGroup).map((v) => ({
        key: `vm:${v.id}`,
        label: v.name,
        detail: `${VM_STATE_WORDS[v.state].label} on ${v.hostName}`,
        target: { kind: 'vm', hostId: v.hostId, vmId: v.id },
      })),
    },
    {
      title: 'Services',
      total: match.services.length,
      options: match.services.slice(0, perGroup).map((s) => ({
        key: `service:${s.id}`,
        label: s.name,
        detail: 'Service',
        target: { kind: 'service', serviceId: s.id },
      })),
    },
    {
      title: 'Applications',
      total: match.apps.length,
      options: match.apps.slice(0, perGroup).map((a) => ({
        key: `app:${a.id}`,
        label: a.name,
        detail: `Application of ${a.serviceName}`,
        target: { kind: 'service', serviceId: a.serviceId },
      })),
    },
  ];
  return groups.filter((g) => g.total > 0);
}

/** "3 hosts shown, 12 VMs found": what the views now show, under the list. */
export function resultSummary(match: SearchMatch): string {
  return `${plural(match.shownHostIds.size, 'host')} shown, ${plural(match.vms.length, 'VM')} found`;
}
