import type { HostId } from '../../../shared/domain/ids';
import type { PlacementReview, Proposal } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { createNamer } from '../../../shared/fleet-placement/namer';
import { evacuate } from '../../../shared/placement';
import { placementWords } from '../../../shared/services/placement-words';
import { newPlan } from '../plans/plan-builder';
import { checkMoves, type WantedMove } from './move-check';
import { moveInput, type MoveFleet } from './move-fleet';
import { hostUnusable } from '../../../shared/words';

/**
 * The plan that empties a host entering maintenance: the engine's `evacuate` (only the host's own
 * VMs move, except when one fits nowhere and a single other VM can step aside; every hard rule
 * kept), re-checked as one set and turned into live or cold migrations. Undefined when the host
 * holds no VM. The host must already be marked: the engine then sends nothing to it.
 */
export function planEvacuation(
  hostId: HostId,
  fleet: MoveFleet,
  options: { concurrency?: number } = {},
): Proposal | undefined {
  const names = createNamer(fleet);
  const host = fleet.hosts.find((h) => h.config.id === hostId);
  if (!host) throw new AppError('not-found', `no host with id ${hostId}`, { hostId });
  const name = host.config.name;
  const leaving = fleet.vms.filter((vm) => vm.hostId === hostId);
  if (leaving.length === 0) return undefined;
  const stays = `${name} stays in maintenance and takes no new VMs`;
  if (host.state !== 'connected') {
    return {
      ok: false,
      message: `Couldn't plan emptying ${name}: ${hostUnusable('it', host.state)}, so its VMs cannot be migrated away; ${stays}`,
      unplaced: leaving.map((vm) => ({
        vmName: vm.name,
        reasons: [hostUnusable(name, host.state)],
        suggestions: [
          `Reconnect ${name}, then put it in maintenance again to plan its evacuation.`,
        ],
      })),
    };
  }
  const input = moveInput(fleet);
  const placed = evacuate(input, { hosts: [hostId] });
  if (placed.unplaced.length > 0) {
    return {
      ok: false,
      message: `Couldn't plan emptying ${name}: ${placed.unplaced.length} of its ${leaving.length} VM${leaving.length === 1 ? '' : 's'} fit${placed.unplaced.length === 1 ? 's' : ''} on no other host; nothing was moved, and ${stays}`,
      unplaced: placed.unplaced.map((u) => ({
        vmName: names.vm(u.vm),
        reasons: u.reasons.map((r) => names.words(r)),
        suggestions: u.suggestions.map((s) => names.words(s.message)),
      })),
    };
  }
  const byId = new Map(fleet.vms.map((vm) => [vm.id as string, vm]));
  const wanted: WantedMove[] = [];
  for (const move of placed.moves) {
    const vm = byId.get(move.vm);
    if (vm) wanted.push({ vm, to: move.to as HostId });
  }
  const why = placementWords(input, placed, {
    host: (id) => names.host(id),
    application: (id) => names.application(id),
  });
  const runnersUp = new Map<string, PlacementReview['runnersUp']>(
    [...why].map(([vm, words]) => [
      vm,
      words.runnersUp.map((r) => ({ hostId: r.hostId as HostId, note: r.note })),
    ]),
  );
  const check = checkMoves(wanted, fleet, { input, runnersUp });
  if (!check.ok) {
    return {
      ok: false,
      message: `Couldn't plan emptying ${name}: the engine's moves do not pass the check; ${stays}`,
      unplaced: check.unplaced,
    };
  }
  const others = wanted.filter((m) => m.vm.hostId !== hostId);
  return {
    ok: true,
    plan: newPlan({
      kind: 'evacuate',
      title: `Empty ${name} for maintenance`,
      steps: check.steps,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      extra: {
        hostId,
        review: check.review,
        warnings: [
          ...others.map(
            (m) =>
              `${m.vm.name} moves from ${names.host(m.vm.hostId)} to ${names.host(m.to)} to make room`,
          ),
          ...check.warnings,
        ],
      },
    }),
  };
}
