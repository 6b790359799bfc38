import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FleetSnapshot } from '../../shared/contract/requests';
import type { InventoryNotice, LogEntry } from '../../shared/domain';
import type { ServiceCatalog } from '../../shared/domain/application';
import type { MigrationPath } from '../../shared/domain/migration-path';
import type { Plan } from '../../shared/domain/plan';
import type { Confirmations, Settings } from '../../shared/domain/settings';
import { useClient } from './api-context';
import { fleetPatches } from './fleet-patches';
import { shareFleet } from './fleet-sharing';
import { LOG_LIMIT, queryKeys } from './query-keys';

/**
 * The whole fleet, kept live by push events: it is never stale on its own, so it is fetched once
 * and again only after a reconnect.
 */
export function useFleet<T = FleetSnapshot>(select?: (fleet: FleetSnapshot) => T) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.fleet(),
    queryFn: async () => {
      const snapshot = await client.call('fleet:snapshot', {});
      // Push events that came before this answer are older than it: written first, not after.
      fleetPatches(queryClient).flush();
      return snapshot;
    },
    staleTime: Infinity,
    structuralSharing: shareFleet,
    ...(select ? { select } : {}),
  });
}

export function useRecentLog() {
  const client = useClient();
  return useQuery<LogEntry[]>({
    queryKey: queryKeys.log(),
    queryFn: async () => {
      const entries = await client.call('log:recent', { limit: LOG_LIMIT });
      return [...entries].sort((a, b) => b.seq - a.seq);
    },
    staleTime: Infinity,
  });
}

/** Service definitions; `services:changed` replaces them whole. */
export function useServices() {
  const client = useClient();
  return useQuery<ServiceCatalog>({
    queryKey: queryKeys.services(),
    queryFn: () => client.call('services:list', {}),
    staleTime: Infinity,
  });
}

/** Open and recent plans; each `plans:changed` replaces one plan whole. */
export function usePlans() {
  const client = useClient();
  return useQuery<Plan[]>({
    queryKey: queryKeys.plans(),
    queryFn: () => client.call('plans:list', {}),
    staleTime: Infinity,
  });
}

/** Host-to-host migration paths; `paths:changed` replaces the list whole. */
export function useMigrationPaths() {
  const client = useClient();
  return useQuery<MigrationPath[]>({
    queryKey: queryKeys.paths(),
    queryFn: () => client.call('paths:list', {}),
    staleTime: Infinity,
  });
}

/** The console's settings; `settings:changed` replaces them whole, from this window or another. */
export function useSettings() {
  const client = useClient();
  return useQuery<Settings>({
    queryKey: queryKeys.settings(),
    queryFn: () => client.call('settings:get', {}),
    staleTime: Infinity,
  });
}

/** Version and runtime, for the About box: they do not change while the console runs. */
export function useAbout(enabled: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: queryKeys.about(),
    queryFn: () => client.call('app:about', {}),
    staleTime: Infinity,
    enabled,
  });
}

/** Whether the admin wants to be asked before this kind of action; yes until the settings load. */
export function useAskBefore(kind: keyof Confirmations): boolean {
  return useSettings().data?.confirm[kind] ?? true;
}
/** Inventory files kept aside at start-up; `inventory:notices-changed` replaces the list whole. */
export function useInventoryNotices() {
  const client = useClient();
  return useQuery<InventoryNotice[]>({
    queryKey: queryKeys.inventoryNotices(),
    queryFn: () => client.call('inventory:notices', {}),
    staleTime: Infinity,
  });
}
