import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Plan } from '../../../shared/domain/plan';
import { upsertPlan } from '../../api/fleet-cache';
import { queryKeys } from '../../api/query-keys';

/**
 * Writes a plan an action answered with into the cache at once, as `plans:changed` would. Only
 * over a list already fetched: an empty cache must still fetch the whole list.
 */
export function usePlanWriter(): (plan: Plan) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (plan: Plan) =>
      queryClient.setQueryData<Plan[]>(queryKeys.plans(), (old) => old && upsertPlan(old, plan)),
    [queryClient],
  );
}
