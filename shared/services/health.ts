import type { ServiceBundle } from '../domain/application';
import type { Host } from '../domain/host';
import type { HostId, VmId } from '../domain/ids';
import type { Vm } from '../domain/vm';
import { createNamer } from '../words/namer';
import { HOST_STATE_WORDS } from '../words/index';
import { vmStateKnown } from '../domain/vm-seen';

/**
 * healthy: the service's health rule holds. degraded: every application has a VM running, but fewer
 * than the rule asks. down: some application has none running (the service cannot work without it).
 * not-deployed: no VM of the service exists on any host the console sees.
 */
export type HealthState = 'healthy' | 'degraded' | 'down' | 'not-deployed';

export interface ApplicationHealth {
  applicationId: string;
  name: string;
  running: number;
  /** Replicas the rule asks to be running: all of them, or `count` (at most the replicas). */
  needed: number;
  replicas: number;
  vms: { vmId: VmId; hostId: HostId; name: string; state: Vm['state']; hostConnected: boolean }[];
}

export interface ServiceHealth {
  state: HealthState;
  /** Why, in words, worst first: "db: none of 1 running (db-1 shut off on hv3)". */
  reasons: string[];
  applications: ApplicationHealth[];
}

/**
 * The health of one service from the VMs the hosts report, computed where it is shown (the window
 * recomputes it on every VM change, so health moves as soon as a host reports a state). A VM on a
 * host that is not connected counts as not running: its state is unknown, as its card says.
 */
export function serviceHealth(
  bundle: ServiceBundle,
  vms: readonly Vm[],
  hosts: readonly Pick<Host, 'config' | 'state'>[],
): ServiceHealth {
  const { service, applications } = bundle;
  const connected = new Set(hosts.filter((h) => vmStateKnown(h.state)).map((h) => h.config.id));
  const stateOf = new Map(hosts.map((h) => [h.config.id, h.state]));
  const names = createNamer({ hosts, vms: [], services: [] });
  const apps: ApplicationHealth[] = applications.map((app) => {
    const mine = vms.filter((vm) => vm.application === app.id && vm.service === service.id);
    const needed =
      service.health.kind === 'all-up'
        ? app.replicas
        : Math.min(service.health.count, app.replicas);
    return {
      applicationId: app.id,
      name: app.name,
      running: mine.filter((vm) => vm.state === 'running' && connected.has(vm.hostId)).length,
      needed,
      replicas: app.replicas,
      vms: mine.map((vm) => ({
        vmId: vm.id,
        hostId: vm.hostId,
        name: vm.name,
        state: vm.state,
        hostConnected: connected.has(vm.hostId),
      })),
    };
  });
  if (apps.every((a) => a.vms.length === 0)) {
    return {
      state: 'not-deployed',
      reasons: ['No VM of this service exists yet'],
      applications: apps,
    };
  }
  const reasons: string[] = [];
  for (const app of [...apps].sort((a, b) => a.running - b.running)) {
    if (app.running >= app.replicas) continue;
    const notRunning = app.vms
      .filter((vm) => vm.state !== 'running' || !vm.hostConnected)
      .map((vm) => {
        const where = names.host(vm.hostId);
        return vm.hostConnected
          ? `${vm.name} ${words(vm.state)} on ${where}`
          : `${vm.name} unknown: ${where} ${HOST_STATE_WORDS[stateOf.get(vm.hostId) ?? 'disconnected'].phrase}`;
      });
    const missing = app.replicas - app.vms.length;
    if (missing > 0) notRunning.push(`${missing} not deployed`);
    const count =
      app.running === 0 ? `none of ${app.replicas}` : `${app.running} of ${app.replicas}`;
    reasons.push(`${app.name}: ${count} running (${notRunning.join(', ')})`);
  }
  const state = apps.some((a) => a.running === 0)
    ? 'down'
    : apps.every((a) => a.running >= a.needed)
      ? 'healthy'
      : 'degraded';
  return { state, reasons, applications: apps };
}

function words(state: Vm['state']): string {
  return state === 'shutoff' ? 'shut off' : state.replace('-', ' ');
}
