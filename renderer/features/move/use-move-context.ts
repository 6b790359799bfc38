import { useMemo } from 'react';
import type { FleetSnapshot } from '../../../shared/contract/requests';
import type { ServiceCatalog } from '../../../shared/domain/application';
import type { MigrationLink } from '../../../shared/domain/migration-link';
import { useFleet, useLinks, useServices } from '../../api/queries';
import { buildMoveContext, type MoveContext } from './move-context';

/** The answer of `useMoveContext`: the context, or why the engine could not be asked. */
export type MoveContextResult = { ok: true; ctx: MoveContext } | { ok: false; reason: string };

/**
 * A getter for the engine's view of the fleet. It is built on first use after each change of the
 * fleet, services or links (not on every change: pushes arrive all the time, drags rarely), and
 * kept until the next change.
 */
export function useMoveContext(): () => MoveContextResult {
  const { data: fleet } = useFleet();
  const { data: catalog } = useServices();
  const { data: links } = useLinks();
  return useMemo(() => once(() => contextOf(fleet, catalog, links)), [fleet, catalog, links]);
}

function contextOf(
  fleet: FleetSnapshot | undefined,
  catalog: ServiceCatalog | undefined,
  links: readonly MigrationLink[] | undefined,
): MoveContextResult {
  if (!fleet) return { ok: false, reason: 'the fleet is not loaded yet' };
  try {
    return { ok: true, ctx: buildMoveContext(fleet, catalog?.services ?? [], links ?? []) };
  } catch (thrown) {
    // A fleet the engine cannot read (it names the field): say so rather than colour wrongly.
    return { ok: false, reason: thrown instanceof Error ? thrown.message : String(thrown) };
  }
}

function once<T>(make: () => T): () => T {
  let cell: { value: T } | undefined;
  return () => (cell ??= { value: make() }).value;
}
