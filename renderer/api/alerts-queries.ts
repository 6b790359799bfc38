import { useQuery } from '@tanstack/react-query';
import type { AlertList, AlertRule, WebhookState } from '../../shared/domain/alert';
import { useClient } from './api-context';
import { ALERT_HISTORY_LIMIT, queryKeys } from './query-keys';

/** Open alerts and recent history, kept live by `alerts:changed`: fetched once, again after a reconnect. */
export function useAlerts<T = AlertList>(select?: (list: AlertList) => T) {
  const client = useClient();
  return useQuery({
    queryKey: queryKeys.alerts(),
    queryFn: () => client.call('alerts:list', { historyLimit: ALERT_HISTORY_LIMIT }),
    staleTime: Infinity,
    ...(select ? { select } : {}),
  });
}

/** The alert rules; `alerts:rules-changed` replaces them whole. */
export function useAlertRules() {
  const client = useClient();
  return useQuery<AlertRule[]>({
    queryKey: queryKeys.alertRules(),
    queryFn: () => client.call('alerts:rules', {}),
    staleTime: Infinity,
  });
}

/** The webhook's settings and delivery status; `alerts:webhook-changed` replaces them whole. */
export function useWebhook() {
  const client = useClient();
  return useQuery<WebhookState>({
    queryKey: queryKeys.alertWebhook(),
    queryFn: () => client.call('alerts:webhook', {}),
    staleTime: Infinity,
  });
}
