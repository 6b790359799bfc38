import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { Bridge } from '../../shared/contract/bridge';
import type { Alert } from '../../shared/domain/alert';
import { createClient, type Client } from './client';
import { useEventBridge, type WindowCommands } from './use-event-bridge';
import type { ConnectionSource, ConnectionStatus } from './ws-bridge';

type FiredListener = (alert: Alert) => void;

interface Api {
  client: Client;
  connection: ConnectionSource | undefined;
  /** Subscribes to alerts as they fire; returns the unsubscribe. */
  onAlertFired: (listener: FiredListener) => () => void;
  /** Subscribes to one serial console's output (bytes) and its end; returns the unsubscribe. */
  onConsole: (consoleId: string, listener: ConsoleListener) => () => void;
}

export interface ConsoleListener {
  output(bytes: Uint8Array): void;
  closed(message: string | undefined): void;
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
  const { bridge, connection, commands } = props;
  // Fired alerts go to whoever listens now (the browser's notifications), not into the cache only.
  const [fired] = useState(() => new Set<FiredListener>());
  const api = useMemo(
    () => ({
      client: createClient(bridge),
      connection,
      onAlertFired: (listener: FiredListener) => {
        fired.add(listener);
        return () => void fired.delete(listener);
      },
      onConsole: (consoleId: string, listener: ConsoleListener) => {
        const offOutput = bridge.on('console:output', (event) => {
          if (event.consoleId === consoleId) listener.output(fromBase64(event.data));
        });
        const offClosed = bridge.on('console:closed', (event) => {
          if (event.consoleId === consoleId) listener.closed(event.message);
        });
        return () => {
          offOutput();
          offClosed();
        };
      },
    }),
    [bridge, connection, fired],
  );
  const windowCommands = useMemo(
    (): WindowCommands => ({
      ...commands,
      onAlertFired: (alert) => {
        commands?.onAlertFired?.(alert);
        fired.forEach((listener) => listener(alert));
      },
    }),
    [commands, fired],
  );
  useEventBridge(bridge, connection, windowCommands);
  return <ApiContext.Provider value={api}>{props.children}</ApiContext.Provider>;
}

function fromBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Subscribe to a serial console's events (the only way the window reads them). */
export function useConsoleEvents(): Api['onConsole'] {
  return useApi().onConsole;
}

function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiProvider>');
  return api;
}

export function useClient(): Client {
  return useApi().client;
}

/** Where the window runs: Electron's (its preload's bridge, no socket) or a browser tab (the web shell's socket). */
export function useShell(): 'desktop' | 'web' {
  return useApi().connection ? 'web' : 'desktop';
}

/** Calls `listener` with each alert that fires while the calling component is mounted. */
export function useAlertFired(listener: FiredListener): void {
  const { onAlertFired } = useApi();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => onAlertFired((alert) => latest.current(alert)), [onAlertFired]);
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
