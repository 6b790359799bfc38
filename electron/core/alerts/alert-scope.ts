import type { AlertObject, AlertScope } from '../../../shared/domain/alert';
import type { AlertView } from './alert-view';

/**
 * Whether `object` is in a rule's scope. A label selector matches hosts carrying every label, and
 * what sits on them (their VMs, paths leaving them, services with a VM there); a service or an
 * application matches itself, its VMs and the hosts that hold them.
 */
export function inScope(scope: AlertScope, object: AlertObject, view: AlertView): boolean {
  if (scope.kind === 'all') return true;
  const hostId = hostOf(object, view);
  if (scope.kind === 'labels') {
    if (object.kind === 'service' || object.kind === 'application') {
      return [...view.onHost].some(
        ([host, held]) => held.has(object.id) && labelled(scope.labels, host, view),
      );
    }
    return hostId !== undefined && labelled(scope.labels, hostId, view);
  }
  const wanted = scope.kind === 'service' ? scope.service : scope.application;
  switch (object.kind) {
    case 'service':
      return object.id === scope.service;
    case 'application':
      return object.id === wanted;
    case 'vm': {
      const vm = view.vms.get(object.id);
      return vm !== undefined && (vm.service === wanted || vm.application === wanted);
    }
    case 'host':
    case 'path':
      return hostId !== undefined && (view.onHost.get(hostId)?.has(wanted) ?? false);
  }
}

function hostOf(object: AlertObject, view: AlertView): string | undefined {
  if (object.hostId !== undefined) return object.hostId;
  if (object.kind === 'vm') return view.vms.get(object.id)?.hostId;
  return object.kind === 'host' ? object.id : undefined;
}

function labelled(selector: Record<string, string>, hostId: string, view: AlertView): boolean {
  const labels = view.hosts.get(hostId)?.config.labels;
  if (labels === undefined) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
