import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Bridge } from '../../shared/contract/bridge';
import type { EventChannel, MenuCommand } from '../../shared/contract/events';
import type { FleetSnapshot } from '../../shared/contract/requests';
import type { LogEntry } from '../../shared/domain';
import type { HostSample } from '../../shared/domain/metrics';
import type { Plan } from '../../shared/domain/plan';
import type { Alert, AlertList } from '../../shared/domain/alert';
import { upsertAlert } from './alerts-cache';
import {
  appendLog,
  removeHost,
  replaceHostVms,
  setDemo,
  upsertHost,
  upsertPlan,
} from './fleet-cache';
import { fleetPatches } from './fleet-patches';
import { withoutHost, type LatestSamples } from './metrics-cache';
import { ALERT_HISTORY_LIMIT, LOG_LIMIT, queryKeys } from './query-keys';
import type { ConnectionSource } from './ws-bridge';
import { watchPageScroll, type ScrollHold } from '../ui/use-is-scrolling';

/**
 * Events that are no cache delta: a serial console's bytes and its end, each read only by the
 * terminal that opened it (api-context's onConsole), never written to the cache.
 */
export const SUBSCRIBED_PER_CONSOLE = [
  'console:output',
  'console:closed',
] as const satisfies readonly EventChannel[];

export interface WindowCommands {
  onMenuCommand?: (command: MenuCommand) => void;
  /** An alert just opened: for the browser's notifications (the list is in the cache already). */
  onAlertFired?: (alert: Alert) => void;
}

/**
 * Subscribes to every push event: server data into the react-query cache, menu commands to the
 * window. Returns the unsubscribe.
 */
export function bridgeEventsToCache(
  bridge: Bridge,
  queryClient: QueryClient,
  commands: WindowCommands = {},
  page?: ScrollHold,
): () => void {
  const fleet = fleetPatches(queryClient);
  fleet.holdWhileScrolling(page);
  const patchFleet = (update: (fleet: FleetSnapshot) => FleetSnapshot) => fleet.later(update);
  const samples = gatherSamples(queryClient, page);
  const unsubscribes = [
    bridge.on('hosts:changed', (host) => patchFleet((f) => upsertHost(f, host))),
    bridge.on('hosts:removed', ({ hostId }) => {
      samples.drop(hostId);
      patchFleet((f) => removeHost(f, hostId));
      queryClient.setQueryData<LatestSamples>(
        queryKeys.metricsLatest(),
        (old) => old && withoutHost(old, hostId),
      );
    }),
    bridge.on('vms:changed', ({ hostId, vms }) =>
      patchFleet((f) => replaceHostVms(f, hostId, vms)),
    ),
    bridge.on('demo:changed', ({ enabled }) => patchFleet((f) => setDemo(f, enabled))),
    bridge.on('log:appended', (entry) =>
      queryClient.setQueryData<LogEntry[]>(
        queryKeys.log(),
        (old) => old && appendLog(old, entry, LOG_LIMIT),
      ),
    ),
    bridge.on('plans:changed', (plan) =>
      queryClient.setQueryData<Plan[]>(queryKeys.plans(), (old) => old && upsertPlan(old, plan)),
    ),
    // Catalogue and paths arrive whole: they are the answer, whether or not a query ran yet.
    bridge.on('services:changed', (catalog) =>
      queryClient.setQueryData(queryKeys.services(), catalog),
    ),
    bridge.on('paths:changed', (paths) => queryClient.setQueryData(queryKeys.paths(), paths)),
    bridge.on('settings:changed', (settings) =>
      queryClient.setQueryData(queryKeys.settings(), settings),
    ),
    bridge.on('metrics:sampled', (sample) => samples.add(sample)),
    bridge.on('app:menu-command', ({ command }) => commands.onMenuCommand?.(command)),
    bridge.on('inventory:notices-changed', (notices) =>
      queryClient.setQueryData(queryKeys.inventoryNotices(), notices),
    ),
    // Alerts: each one whole into the list, whichever of its events comes first (fired and
    // resolved also arrive as changed); rules and the webhook arrive whole.
    ...(['alerts:changed', 'alerts:fired', 'alerts:resolved'] as const).map((channel) =>
      bridge.on(channel, (alert) => {
        queryClient.setQueryData<AlertList>(
          queryKeys.alerts(),
          (old) => old && upsertAlert(old, alert, ALERT_HISTORY_LIMIT),
        );
        if (channel === 'alerts:fired') commands.onAlertFired?.(alert);
      }),
    ),
    bridge.on('alerts:rules-changed', (rules) =>
      queryClient.setQueryData(queryKeys.alertRules(), rules),
    ),
    bridge.on('alerts:webhook-changed', (webhook) =>
      queryClient.setQueryData(queryKeys.alertWebhook(), webhook),
    ),
  ];
  return () => {
    unsubscribes.forEach((unsubscribe) => unsubscribe());
    samples.stop();
    fleet.stop();
    fleet.holdWhileScrolling(undefined);
  };
}

/** How long host samples are gathered before they are written to the cache together. */
export const SAMPLE_BATCH_MS = 50;

/**
 * Host samples, gathered and written to the latest-samples cache once per `SAMPLE_BATCH_MS`. A
 * sample round is one event per host (1,000 at 1,000 hosts): written one by one, each write copied
 * the whole map and woke every reader, a thousand times a round, which showed as slow frames while
 * the window scrolled and at rest. The figures are drawn at most every 250 ms anyway
 * (useLatestSamples), so 50 ms more hides nothing.
 *
 * While the page scrolls, they wait until it is still: each write redraws the figures of every
 * card in view (8-20 ms at 1,000 hosts), and a scroll frame already has the new rows to draw;
 * together they made the late frames of the card grid's scroll. The tables hold their rows the
 * same way (useRowInput). The figures come SCROLL_SETTLE_MS after the scroll stops.
 */
function gatherSamples(queryClient: QueryClient, page?: ScrollHold) {
  let pending: Record<string, HostSample> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let held = false;
  const flush = () => {
    timer = undefined;
    if (page?.scrolling()) {
      held = true;
      page.whenStill(() => {
        held = false;
        flush();
      });
      return;
    }
    const batch = pending;
    pending = undefined;
    if (batch === undefined) return;
    queryClient.setQueryData<LatestSamples>(
      queryKeys.metricsLatest(),
      (old) => old && { ...old, ...batch },
    );
  };
  return {
    add(sample: HostSample) {
      pending ??= {};
      pending[sample.hostId] = sample;
      if (!held) timer ??= setTimeout(flush, SAMPLE_BATCH_MS);
    },
    /** A removed host's sample still waiting is not written after its removal. */
    drop(hostId: string) {
      if (pending !== undefined) delete pending[hostId];
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}

/**
 * The one hook that bridges push events into the cache. After the web shell's socket comes back,
 * events may have been missed, so the server data is fetched again.
 */
export function useEventBridge(
  bridge: Bridge,
  connection: ConnectionSource | undefined,
  commands: WindowCommands = {},
): void {
  const queryClient = useQueryClient();
  const { onMenuCommand, onAlertFired } = commands;
  useEffect(() => {
    const page = watchPageScroll();
    const unsubscribe = bridgeEventsToCache(
      bridge,
      queryClient,
      {
        ...(onMenuCommand ? { onMenuCommand } : {}),
        ...(onAlertFired ? { onAlertFired } : {}),
      },
      page,
    );
    return () => {
      unsubscribe();
      page.stop();
    };
  }, [bridge, queryClient, onMenuCommand, onAlertFired]);
  useEffect(() => {
    if (!connection) return undefined;
    let wasDown = false;
    return connection.onStatus((status) => {
      if (status === 'reconnecting') wasDown = true;
      if (status === 'open' && wasDown) {
        wasDown = false;
        void queryClient.invalidateQueries();
      }
    });
  }, [connection, queryClient]);
}
