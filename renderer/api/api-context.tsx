import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { Bridge } from '../../shared/contract/bridge';
import { createClient, type Client } from './client';
import { useEventBridge, type WindowCommands } from './use-event-bridge';
import type { ConnectionSource, ConnectionStatus } from './ws-bridge';

interface Api {
  client: Client;
  connection: ConnectionSource | undefined;
}

const ApiContext = createContext<Api | undefined>(undefined);

/** Gives the tree a typed client and keeps the cache fed from the bridge's push events. */
export function ApiProvider(props: {
  bridge: Bridge;
  connection?: ConnectionSource | undefined;
  /** What the window does with the desktop menu's commands. */
  commands?: WindowCommands;
  children: ReactNode;
}) {
  const { bridge, connection } = props;
  const api = useMemo(() => ({ client: createClient(bridge), connection }), [bridge, connection]);
  useEventBridge(bridge, connection, props.commands);
  return <ApiContext.Provider value={api}>{props.children}</ApiContext.Provider>;
}

function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiProvider>');
  return api;
}

export function useClient(): Client {
  return useApi().client;
}

const ALWAYS_OPEN = () => 'open|0|true';
const NO_SUBSCRIPTION = () => () => undefined;

/** The socket's state for the banner; always "open" in Electron, where there is no socket. */
export function useConnectionStatus(): {
  status: ConnectionStatus;
  retryInMs: number;
  everOpened: boolean;
} {
  const { connection } = useApi();
  // A string snapshot: stable between changes, and it changes when the backoff delay grows.
  const snapshot = useSyncExternalStore(
    connection ? (notify) => connection.onStatus(notify) : NO_SUBSCRIPTION,
    connection
      ? () => `${connection.status}|${connection.retryInMs}|${connection.everOpened}`
      : ALWAYS_OPEN,
  );
  const [status, retryInMs, everOpened] = snapshot.split('|');
  return {
    status: status as ConnectionStatus,
    retryInMs: Number(retryInMs),
    everOpened: everOpened === 'true',
  };
}
