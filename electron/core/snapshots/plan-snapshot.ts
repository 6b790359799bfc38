import type { Fleet } from '../../../shared/domain/fleet';
import type { Plan, PlanStep } from '../../../shared/domain/plan';
import {
  descendantsOf,
  type SnapshotRequest,
  type VmSnapshotList,
} from '../../../shared/domain/snapshot';
import { isActive, type Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import { hostUnusable } from '../../../shared/words';
import {
  createReviewWords,
  deleteReviewWords,
  revertReviewWords,
  snapshotRefusalWords,
  snapshotTitle,
} from '../../../shared/words/snapshot-words';
import { newPlan, step } from '../plans/plan-builder';

/**
 * One snapshot action on one VM as a plan to review, like every change the console makes: judged
 * against the fleet as it is now and the VM's snapshots as its host just listed them (a name
 * taken, a snapshot gone, a host not connected are refused here, in words). The review's lines
 * say what will happen: what a snapshot keeps, what a revert loses and since when, what a delete
 * takes with it.
 */
export function planSnapshot(
  request: SnapshotRequest,
  fleet: Fleet,
  listed: VmSnapshotList,
  now = Date.now(),
): Plan {
  const vm = fleet.vms.find((v) => v.id === request.vmId && v.hostId === request.hostId);
  const host = fleet.hosts.find((h) => h.config.id === request.hostId);
  if (!vm || !host) {
    throw new AppError('not-found', snapshotRefusalWords({ code: 'vm-not-found' }, request.vmId), {
      hostId: request.hostId,
    });
  }
  const hostName = host.config.name;
  if (host.state !== 'connected') {
    throw new AppError('conflict', hostUnusable(hostName, host.state), { hostId: host.config.id });
  }
  const on = { hostId: vm.hostId, vmId: vm.id, vmName: vm.name };
  const find = (name: string) => {
    const found = listed.snapshots.find((s) => s.name === name);
    if (found) return found;
    throw new AppError(
      'not-found',
      snapshotRefusalWords({ code: 'snapshot-not-found', name }, vm.name),
      {
        hostId: vm.hostId,
      },
    );
  };
  switch (request.action) {
    case 'create': {
      if (listed.snapshots.some((s) => s.name === request.name)) {
        throw new AppError(
          'conflict',
          snapshotRefusalWords({ code: 'name-taken', name: request.name }, vm.name),
          { hostId: vm.hostId },
        );
      }
      const running = isActive(vm.state);
      const memory = running && request.memory;
      const current = listed.snapshots.find((s) => s.current)?.name;
      const description = request.description?.trim();
      const title = snapshotTitle('create', request.name, vm.name);
      return plan(
        vm,
        title,
        createReviewWords({
          vmName: vm.name,
          running,
          memory,
          ...(current === undefined ? {} : { parent: current }),
        }),
        [
          step('snapshot-create', {
            ...on,
            label: `${title} on ${hostName}`,
            snapshot: {
              name: request.name,
              memory,
              ...(description === undefined || description === '' ? {} : { description }),
            },
          }),
        ],
      );
    }
    case 'revert': {
      const snapshot = find(request.name);
      const title = snapshotTitle('revert', snapshot.name, vm.name);
      return plan(vm, title, revertReviewWords({ vmName: vm.name, snapshot, now }), [
        step('snapshot-revert', {
          ...on,
          label: `${title} on ${hostName}`,
          snapshot: { name: snapshot.name },
        }),
      ]);
    }
    case 'delete': {
      const snapshot = find(request.name);
      const descendants = descendantsOf(listed.snapshots, snapshot.name);
      const gone = request.children ? descendants.length : 0;
      const title = snapshotTitle('delete', snapshot.name, vm.name, gone);
      const review = deleteReviewWords({
        vmName: vm.name,
        snapshot: snapshot.name,
        descendants,
        children: request.children,
      });
      return plan(vm, title, review, [
        step('snapshot-delete', {
          ...on,
          label: `${title} on ${hostName}`,
          snapshot: { name: snapshot.name, children: request.children },
        }),
      ]);
    }
  }
}

function plan(vm: Vm, title: string, review: string[], steps: PlanStep[]): Plan {
  return newPlan({
    kind: 'snapshot',
    title,
    steps,
    concurrency: 1,
    extra: { hostId: vm.hostId, warnings: review },
  });
}
