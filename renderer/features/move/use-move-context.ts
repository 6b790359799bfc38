import { useMemo } from 'react';
import type { FleetSnapshot } from '../../../shared/contract/requests';
import type { ServiceCatalog } from '../../../shared/domain/application';
import type { MigrationPath } from '../../../shared/domain/migration-path';
import type { Settings } from '../../../shared/domain/settings';
import { useFleet, useMigrationPaths, useServices, useSettings } from '../../api/queries';
import { buildMoveContext, type MoveContext } from './move-context';

/** The answer of `useMoveContext`: the context, or why the engine could not be asked. */
export type MoveContextResult = { ok: true; ctx: MoveContext } | { ok: false; reason: string };

/**
 * A getter for the engine's view of the fleet. It is built on first use after each change of the
 * fleet, services, links or settings (not on every change: pushes arrive all the time, drags
 * rarely), and kept until the next change; a new overcommit ratio is seen by the next drag.
 */
export function useMoveContext(): () => MoveContextResult {
  const { data: fleet } = useFleet();
  const { data: catalog } = useServices();
  const { data: paths } = useMigrationPaths();
  const { data: settings } = useSettings();
  return useMemo(
    () => once(() => contextOf(fleet, catalog, paths, settings)),
    [fleet, catalog, paths, settings],
  );
}

function contextOf(
  fleet: FleetSnapshot | undefined,
  catalog: ServiceCatalog | undefined,
  paths: readonly MigrationPath[] | undefined,
  settings: Settings | undefined,
): MoveContextResult {
  if (!fleet) return { ok: false, reason: 'the fleet is not loaded yet' };
  // Without the settings the window would guess the ratios and disagree with the core.
  if (!settings) return { ok: false, reason: 'the settings are not loaded yet' };
  try {
    return {
      ok: true,
      ctx: buildMoveContext(fleet, catalog?.services ?? [], paths ?? [], settings),
    };
  } catch (thrown) {
    // A fleet the engine cannot read (it names the field): say so rather than colour wrongly.
    return { ok: false, reason: thrown instanceof Error ? thrown.message : String(thrown) };
  }
}

function once<T>(make: () => T): () => T {
  let cell: { value: T } | undefined;
  return () => (cell ??= { value: make() }).value;
}
