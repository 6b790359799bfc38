import { BRIDGE_GLOBAL, type Bridge } from '../../shared/contract/bridge';
import { takePageToken } from './page-token';
import { WsBridge, type ConnectionSource } from './ws-bridge';

/** How the window reaches the core: the Electron preload, the web shell's socket, or neither. */
export type BridgeChoice =
  | { kind: 'ready'; bridge: Bridge; connection: ConnectionSource | undefined }
  | { kind: 'missing-token' };

/**
 * Electron's preload puts the bridge on `window`; in a browser the web shell serves this page with
 * an access token in the URL, which the socket must present (kept for the tab, see page-token).
 */
export function chooseBridge(win: Window = window): BridgeChoice {
  const injected = (win as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (isBridge(injected)) return { kind: 'ready', bridge: injected, connection: undefined };
  const token = takePageToken(win);
  if (!token) return { kind: 'missing-token' };
  const bridge = new WsBridge(socketUrl(win.location, token));
  return { kind: 'ready', bridge, connection: bridge };
}

export function socketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws?token=${encodeURIComponent(token)}`;
}

function isBridge(value: unknown): value is Bridge {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof Bridge, unknown>>;
  return typeof candidate.invoke === 'function' && typeof candidate.on === 'function';
}
