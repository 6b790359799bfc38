import { HostState } from '../domain/host';
import type { HostId, VmId } from '../domain/ids';
import { VmState } from '../domain/vm';
import type { ParsedQuery, SearchProblem, SearchTerm } from './parse-query';
import type {
  IndexedApp,
  IndexedHost,
  IndexedService,
  IndexedVm,
  SearchIndex,
} from './search-index';

/** The keys every fleet has; any other key names a host label. */
export const SEARCH_KEYS = ['host', 'vm', 'service', 'app', 'state'] as const;
const KEY_ALIASES: Readonly<Record<string, string>> = { application: 'app' };
const STATES: readonly string[] = [...new Set([...HostState.options, ...VmState.options])];

/** What a query finds: each kind in fleet order (exact names first), and what views show. */
export interface SearchMatch {
  /** False when no term is left (an empty box, or only terms that did not read): show everything. */
  active: boolean;
  problems: SearchProblem[];
  hosts: IndexedHost[];
  vms: IndexedVm[];
  services: IndexedService[];
  apps: IndexedApp[];
  /** Hosts a view shows: those found, and those running a VM found (`worker` shows their hosts). */
  shownHostIds: ReadonlySet<HostId>;
  /** The VMs found, for a view to mark. */
  vmIds: ReadonlySet<VmId>;
  /**
   * The VMs a list of VMs shows: every term holds of the VM or of its host, so `worker` lists the
   * workers and `zone=b` the VMs of zone b's hosts (whose `vmIds` is empty: no term names a VM).
   */
  listedVmIds: ReadonlySet<VmId>;
}

type Kind = 'host' | 'vm' | 'service' | 'app';

/** One term made into a test per kind of object; `applies` says which kinds it can say anything of. */
interface Compiled {
  negate: boolean;
  applies: Readonly<Record<Kind, boolean>>;
  host(h: IndexedHost): boolean;
  vm(v: IndexedVm): boolean;
  service(s: IndexedService): boolean;
  app(a: IndexedApp): boolean;
  /** How well it names the VM or host (2 exact, 1 start, 0 elsewhere), for the order of the list. */
  rank(name: string): number;
}

const NONE = () => false;
const ALL: Record<Kind, boolean> = { host: true, vm: true, service: true, app: true };
const ONLY = (...kinds: Kind[]): Record<Kind, boolean> => ({
  host: kinds.includes('host'),
  vm: kinds.includes('vm'),
  service: kinds.includes('service'),
  app: kinds.includes('app'),
});

/** Runs a parsed query over the index: one pass over hosts, VMs, services and applications. */
export function matchQuery(index: SearchIndex, query: ParsedQuery): SearchMatch {
  const problems = [...query.problems];
  const terms = query.terms.map((term) => compile(term, index, problems));
  if (terms.length === 0) {
    return {
      active: false,
      problems,
      hosts: [],
      vms: [],
      services: [],
      apps: [],
      shownHostIds: new Set(),
      vmIds: new Set(),
      listedVmIds: new Set(),
    };
  }
  const hostOwn = index.hosts.map((h) => every(terms, 'host', (t) => t.host(h)));
  const shown = new Set<HostId>();
  index.hosts.forEach((h, i) => hostOwn[i] && shown.add(h.id));
  const vms: IndexedVm[] = [];
  const listed = new Set<VmId>();
  for (const vm of index.vms) {
    const host = index.hosts[vm.host];
    let own = false;
    const inContext = terms.every((t) => {
      const onVm = t.applies.vm && t.vm(vm);
      const onHost = t.applies.host && host !== undefined && t.host(host);
      // A negated term counts too: `state!=running` lists the VMs that are not running.
      if (t.applies.vm && t.negate !== onVm) own = true;
      return t.negate !== (onVm || onHost);
    });
    if (!inContext) continue;
    shown.add(vm.hostId);
    listed.add(vm.id);
    if (own) vms.push(vm);
  }
  const byRank = <T extends { name: string }>(list: T[]): T[] => rankByName(list, terms);
  return {
    active: true,
    problems,
    hosts: byRank(index.hosts.filter((_, i) => hostOwn[i])),
    vms: byRank(vms),
    services: index.services.filter((s) => every(terms, 'service', (t) => t.service(s))),
    apps: index.apps.filter((a) => every(terms, 'app', (t) => t.app(a))),
    shownHostIds: shown,
    vmIds: new Set(vms.map((v) => v.id)),
    listedVmIds: listed,
  };
}

function every(terms: readonly Compiled[], kind: Kind, test: (t: Compiled) => boolean): boolean {
  return terms.every((t) => t.applies[kind] && t.negate !== test(t));
}

/** Exact names first, then names that start with a word of the query, then the rest, each in order. */
function rankByName<T extends { name: string }>(list: T[], terms: readonly Compiled[]): T[] {
  const buckets: T[][] = [[], [], []];
  for (const item of list) {
    const name = item.name.toLowerCase();
    const rank = Math.max(0, ...terms.map((t) => t.rank(name)));
    buckets[2 - rank]?.push(item);
  }
  return buckets.flat();
}

function compile(term: SearchTerm, index: SearchIndex, problems: SearchProblem[]): Compiled {
  if (term.kind === 'word') {
    const { text } = term;
    const has = (s: string | undefined) => s !== undefined && s.includes(text);
    return {
      negate: term.negate,
      applies: ALL,
      host: (h) => h.names.some(has) || h.labelTexts.some(has),
      vm: (v) => v.names.some(has) || has(v.service) || has(v.app),
      service: (s) => has(s.lower),
      app: (a) => has(a.lower),
      rank: (name) => (name === text ? 2 : name.startsWith(text) ? 1 : 0),
    };
  }
  const key = KEY_ALIASES[term.key] ?? term.key;
  const word = wholeWord(term.value, term.prefix);
  const is = (s: string | undefined) => s !== undefined && word(s);
  const base = { negate: term.negate, service: NONE, app: NONE, host: NONE, vm: NONE };
  const rank = (name: string) => (is(name) ? (name === term.value ? 2 : 1) : 0);
  switch (key) {
    case 'host':
      return { ...base, applies: ONLY('host'), host: (h) => h.names.some(is), rank };
    case 'vm':
      return { ...base, applies: ONLY('vm'), vm: (v) => v.names.some(is), rank };
    case 'service':
      return {
        ...base,
        applies: ONLY('vm', 'service', 'app'),
        vm: (v) => is(v.service),
        service: (s) => is(s.lower),
        app: (a) => is(a.service),
        rank: () => 0,
      };
    case 'app':
      return {
        ...base,
        applies: ONLY('vm', 'app'),
        vm: (v) => is(v.app),
        app: (a) => is(a.lower),
        rank: () => 0,
      };
    case 'state': {
      const state = (s: string) => (term.prefix ? s.startsWith(term.value) : s === term.value);
      if (!STATES.some(state)) {
        problems.push({ code: 'unknown-state', value: term.value, known: STATES });
        return NOTHING;
      }
      return {
        ...base,
        applies: ONLY('host', 'vm'),
        host: (h) => state(h.state),
        vm: (v) => state(v.state),
        rank: () => 0,
      };
    }
    default:
      if (!index.labelKeys.includes(key)) {
        problems.push({ code: 'unknown-key', key, known: [...SEARCH_KEYS, ...index.labelKeys] });
        return NOTHING;
      }
      return { ...base, applies: ONLY('host'), host: (h) => is(h.labels.get(key)), rank: () => 0 };
  }
}

/** A term that did not read finds nothing, negated or not: the problem line says why. */
const NOTHING: Compiled = {
  negate: false,
  applies: ONLY(),
  host: NONE,
  vm: NONE,
  service: NONE,
  app: NONE,
  rank: () => 0,
};

/**
 * `value` as a whole word of a text (between letters and digits, so `zone=a` finds `zone-a` and
 * not `zone-ab`, `rack=r1` finds `r1` and not `r10`), or its start when `prefix`.
 */
function wholeWord(value: string, prefix: boolean): (text: string) => boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const edge = '[^\\p{L}\\p{N}]';
  const pattern = new RegExp(`(?:^|${edge})${escaped}${prefix ? '' : `(?:$|${edge})`}`, 'u');
  return (text) => pattern.test(text);
}
