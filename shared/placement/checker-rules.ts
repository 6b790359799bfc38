/**
 * The checker's rule pass: capacities per host, labels and hypervisor per VM, hard spread per host
 * or zone, hard co-location, host state and migration paths. Part of the independent checker:
 * imports no engine code.
 */
import type {
  PlacementApplication,
  PlacementHost,
  PlacementInput,
  PlacementVm,
} from './input-types';

/** One broken rule found by the checker. */
export interface Violation {
  rule: string;
  message: string;
  vm?: string;
  host?: string;
  /** Already broken in the input and not made worse by the plan. */
  preexisting: boolean;
}

/** What the structural pass derived from the input and the plan. */
export interface CheckContext {
  before: Map<string, PlacementVm>;
  /** VM → host at the end of the plan. */
  after: Map<string, string>;
  appOf: Map<string, string>;
  /** VMs the plan placed or moved. */
  touched: Set<string>;
}

const SLACK = 1e-6;

/** Every rule broken at the end of the plan, flagged `preexisting` when the plan is not to blame. */
export function ruleViolations(input: PlacementInput, ctx: CheckContext): Violation[] {
  const out: Violation[] = [];
  const hosts = new Map(input.hosts.map((h) => [h.id, h]));
  const apps = new Map(input.applications.map((a) => [a.id, a]));
  const policy = input.policy ?? {};
  const byHost = new Map<string, string[]>();
  for (const [vm, host] of ctx.after) push(byHost, host, vm);

  for (const [hostId, vms] of byHost) {
    const host = hosts.get(hostId);
    if (host === undefined) continue;
    const received = vms.some((vm) => ctx.touched.has(vm));
    const sum = { cpu: 0, memoryMiB: 0, diskGiB: 0 };
    for (const vm of vms) {
      const app = apps.get(ctx.appOf.get(vm) ?? '');
      sum.cpu += app?.vcpus ?? 0;
      sum.memoryMiB += app?.memoryMiB ?? 0;
      sum.diskGiB += app?.diskGiB ?? 0;
    }
    const limits = {
      cpu: host.capacity.cpu * (host.cpuOvercommit ?? policy.cpuOvercommit ?? 1),
      memoryMiB: host.capacity.memoryMiB * (host.memoryOvercommit ?? policy.memoryOvercommit ?? 1),
      diskGiB: host.capacity.diskGiB ?? Infinity,
    };
    for (const r of ['cpu', 'memoryMiB', 'diskGiB'] as const) {
      if (sum[r] > limits[r] * (1 + SLACK) + SLACK) {
        out.push({
          rule: r === 'cpu' ? 'cpu' : r === 'memoryMiB' ? 'memory' : 'disk',
          host: hostId,
          message: `${hostId}: ${r} ${sum[r]} used of ${limits[r]}`,
          preexisting: !received,
        });
      }
    }
  }
  const blocked = new Set((input.unreachable ?? []).map((p) => `${p.from}\n${p.to}`));
  for (const vm of ctx.touched) {
    const host = hosts.get(ctx.after.get(vm) ?? '');
    const app = apps.get(ctx.appOf.get(vm) ?? '');
    if (host === undefined || app === undefined) continue;
    perVm(vm, host, app, { hosts, blocked }, ctx, out);
  }
  spreadAndColocate(input, ctx, hosts, apps, out);
  return out;
}

function perVm(
  vm: string,
  host: PlacementHost,
  app: PlacementApplication,
  fleet: { hosts: Map<string, PlacementHost>; blocked: Set<string> },
  ctx: CheckContext,
  out: Violation[],
): void {
  const add = (rule: string, message: string): void => {
    out.push({
      rule,
      vm,
      host: host.id,
      message: `${vm} on ${host.id}: ${message}`,
      preexisting: false,
    });
  };
  if ((host.state ?? 'up') !== 'up') add('host-not-up', `host is ${host.state ?? 'up'}`);
  for (const [k, v] of Object.entries(app.requiredLabels ?? {})) {
    if (host.labels?.[k] !== v) add('label', `label ${k}=${v} missing`);
  }
  if (app.hypervisor !== undefined && host.hypervisor !== app.hypervisor) {
    add('hypervisor', `needs hypervisor ${app.hypervisor}`);
  }
  const from = ctx.before.get(vm)?.host;
  const source = fleet.hosts.get(from ?? '');
  if (source !== undefined && (source.state ?? 'up') !== 'down') {
    if (fleet.blocked.has(`${source.id}\n${host.id}`))
      add('no-path', `no migration path from ${source.id}`);
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function spreadAndColocate(
  input: PlacementInput,
  ctx: CheckContext,
  hosts: Map<string, PlacementHost>,
  apps: Map<string, PlacementApplication>,
  out: Violation[],
): void {
  const zoneLabel = input.policy?.zoneLabel ?? 'zone';
  const buckets = new Map<string, string[]>();
  for (const [vm, hostId] of ctx.after) {
    const app = apps.get(ctx.appOf.get(vm) ?? '');
    if (app?.spread?.strength !== 'hard') continue;
    const zone = hosts.get(hostId)?.labels?.[zoneLabel];
    const where =
      app.spread.across === 'host' || zone === undefined ? `host ${hostId}` : `zone ${zone}`;
    const key = `${app.id}\n${where}`;
    push(buckets, key, vm);
  }
  for (const [key, vms] of buckets) {
    if (vms.length < 2) continue;
    const [app, where] = key.split('\n');
    out.push({
      rule: where?.startsWith('zone') === true ? 'spread-zone' : 'spread-host',
      message: `${app}: ${vms.join(', ')} share ${where ?? ''}`,
      preexisting: !vms.some((vm) => ctx.touched.has(vm)),
    });
  }
  // "host\napp" for every (host, application) pair that has a VM, after and before the plan.
  const after = new Set([...ctx.after].map(([vm, h]) => `${h}\n${ctx.appOf.get(vm) ?? ''}`));
  const before = new Set([...ctx.before.values()].map((v) => `${v.host ?? ''}\n${v.application}`));
  for (const [vm, hostId] of ctx.after) {
    const rule = apps.get(ctx.appOf.get(vm) ?? '')?.colocate;
    if (rule?.strength !== 'hard' || after.has(`${hostId}\n${rule.with}`)) continue;
    const from = ctx.before.get(vm)?.host;
    const hadPartner = from !== undefined && before.has(`${from}\n${rule.with}`);
    out.push({
      rule: 'colocate',
      vm,
      host: hostId,
      message: `${vm} on ${hostId}: no VM of ${rule.with} there`,
      preexisting: !ctx.touched.has(vm) && !hadPartner,
    });
  }
}
