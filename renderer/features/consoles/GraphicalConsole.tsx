import { useEffect, useRef, useState } from 'react';
import { CONSOLE_KEEPALIVE_MS, type GraphicsProtocol } from '../../../shared/domain/console';
import { AppError } from '../../../shared/errors';
import { spiceFailureWords } from '../../../shared/words/console-words';
import { useClient, useConsoleEvents } from '../../api/api-context';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';
import type { ConsoleTab } from './console-store';
import { ConsoleSocket } from './console-socket';
import type { ConsoleStatus } from './use-console-session';

/** What the toolbar drives, whichever client draws the display. */
interface Display {
  ctrlAltDel(): void;
  setScale(fit: boolean): void;
  focus(): void;
  disconnect(): void;
}

/**
 * A VM's graphical console: its VNC display drawn by noVNC, or its SPICE display by spice-html5,
 * whose bytes the core carries through the host's SSH connection (a ConsoleSocket per stream; SPICE
 * takes one per channel). Keyboard and mouse go to the guest while the display has focus;
 * Ctrl+Alt+Del is a button (the desktop would take the keys itself); the picture scales to the
 * dock or shows at its own size; Reconnect opens new streams.
 */
export function GraphicalConsole(props: { tab: ConsoleTab; visible: boolean }) {
  const { tab, visible } = props;
  const client = useClient();
  const onConsole = useConsoleEvents();
  const box = useRef<HTMLDivElement>(null);
  const display = useRef<Display | undefined>(undefined);
  const [status, setStatus] = useState<ConsoleStatus>({ kind: 'connecting' });
  const [protocol, setProtocol] = useState<GraphicsProtocol | undefined>(undefined);
  const [scale, setScale] = useState(true);
  const [attempt, setAttempt] = useState(0);
  /** The choice as it is when a display is made (Reconnect keeps it). */
  const scaleNow = useRef(scale);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let gone = false;
    const open = new Set<string>();
    const unsubscribe: (() => void)[] = [];
    const quietly = (work: Promise<unknown>) => void work.catch(() => undefined);
    const fail = (why: string) => {
      if (!gone) setStatus({ kind: 'failed', error: new AppError('invalid-request', why) });
    };
    /** A socket over one core stream, whose id comes when the core has opened it. */
    const socketOf = (url = '') => {
      let consoleId: string | undefined;
      const socket = new ConsoleSocket(
        {
          send: (data) => {
            if (consoleId !== undefined)
              quietly(client.call('console:input', { consoleId, data, encoding: 'base64' }));
          },
          close: () => {
            if (consoleId !== undefined) quietly(client.call('console:close', { consoleId }));
            if (consoleId !== undefined) open.delete(consoleId);
            consoleId = undefined;
          },
        },
        url,
      );
      const bind = (id: string, main: boolean) => {
        if (gone || socket.readyState === 'closed') {
          quietly(client.call('console:close', { consoleId: id }));
          return;
        }
        consoleId = id;
        open.add(id);
        unsubscribe.push(
          onConsole(id, {
            output: (bytes) => {
              socket.receive(bytes);
              quietly(client.call('console:ack', { consoleId: id, bytes: bytes.length }));
            },
            closed: (message) => {
              open.delete(id);
              consoleId = undefined;
              if (main && !gone) setStatus({ kind: 'ended', message });
              socket.ended(message);
            },
          }),
        );
        // The first ack says "listening": the core sends what it held until now (the banner).
        quietly(client.call('console:ack', { consoleId: id, bytes: 0 }));
      };
      return { socket, bind };
    };

    void client.call('console:open-graphics', { hostId: tab.hostId, vmId: tab.vmId }).then(
      async (opened) => {
        if (gone) {
          quietly(client.call('console:close', { consoleId: opened.consoleId }));
          return;
        }
        setProtocol(opened.protocol);
        const shown =
          opened.protocol === 'spice'
            ? await spiceDisplay(element, opened.consoleId)
            : await vncDisplay(element, opened.consoleId);
        if (shown === undefined) return;
        if (gone) {
          shown.disconnect();
          return;
        }
        shown.setScale(scaleNow.current);
        display.current = shown;
      },
      (thrown: unknown) => {
        if (!gone) setStatus({ kind: 'failed', error: AppError.from(thrown) });
      },
    );

    /** The client's code is fetched once the protocol is known; the window may be gone by then. */
    const stillWanted = (consoleId: string): boolean => {
      if (gone) quietly(client.call('console:close', { consoleId }));
      return !gone;
    };

    async function vncDisplay(element: HTMLElement, consoleId: string) {
      const { default: RFB } = await import('@novnc/novnc');
      if (!stillWanted(consoleId)) return undefined;
      const main = socketOf();
      const rfb = new RFB(element, main.socket, { shared: true });
      rfb.background = 'var(--chrome)'; // the theme's dark chrome round the guest's picture
      rfb.addEventListener('connect', () => {
        if (!gone) setStatus({ kind: 'open' });
      });
      rfb.addEventListener('credentialsrequired', () => {
        fail(
          `the display of ${tab.vmName} asks for a VNC password, which this console cannot send yet`,
        );
        rfb.disconnect();
      });
      rfb.addEventListener('disconnect', () => {
        if (!gone)
          setStatus((was) =>
            was.kind === 'open' || was.kind === 'connecting'
              ? { kind: 'ended', message: undefined }
              : was,
          );
      });
      main.bind(consoleId, true);
      main.socket.opened();
      return {
        ctrlAltDel: () => rfb.sendCtrlAltDel(),
        setScale: (fit: boolean) => (rfb.scaleViewport = fit),
        focus: () => rfb.focus(),
        disconnect: () => rfb.disconnect(),
      };
    }

    async function spiceDisplay(element: HTMLElement, consoleId: string) {
      const { openSpiceDisplay } = await import('./spice-display');
      if (!stillWanted(consoleId)) return undefined;
      let main: ConsoleSocket | undefined;
      const shown = openSpiceDisplay({
        box: element,
        socket: (url, first) => {
          const made = socketOf(url);
          if (first) {
            main = made.socket;
            made.bind(consoleId, true);
            return made.socket;
          }
          void client.call('console:open-channel', { consoleId }).then(
            (opened) => {
              made.bind(opened.consoleId, false);
              made.socket.opened();
            },
            (thrown: unknown) => made.socket.ended(AppError.from(thrown).message),
          );
          return made.socket;
        },
        onConnect: () => {
          if (!gone) setStatus({ kind: 'open' });
        },
        onError: (said) => {
          if (gone) return;
          setStatus((was) =>
            was.kind === 'ended' || was.kind === 'failed'
              ? was
              : {
                  kind: 'failed',
                  error: new AppError('invalid-request', spiceFailureWords(tab.vmName, said)),
                },
          );
        },
      });
      if (main === undefined) quietly(client.call('console:close', { consoleId }));
      main?.opened();
      return shown;
    }

    const keepalive = setInterval(() => {
      for (const consoleId of open) quietly(client.call('console:ack', { consoleId, bytes: 0 }));
    }, CONSOLE_KEEPALIVE_MS);
    return () => {
      gone = true;
      clearInterval(keepalive);
      for (const stop of unsubscribe) stop();
      display.current?.disconnect(); // closes the sockets, which close the core's streams
      display.current = undefined;
      // What the client did not close (it failed midway) is closed here.
      for (const consoleId of open) quietly(client.call('console:close', { consoleId }));
    };
  }, [client, onConsole, tab.hostId, tab.vmId, tab.vmName, attempt]);

  useEffect(() => {
    scaleNow.current = scale;
    display.current?.setScale(scale);
  }, [scale]);
  useEffect(() => {
    if (visible && status.kind === 'open') display.current?.focus();
  }, [visible, status.kind]);

  const name = protocol === 'spice' ? 'SPICE' : protocol === 'vnc' ? 'VNC' : undefined;
  return (
    <div
      className="graphical-console"
      hidden={!visible}
      data-testid="graphical-console"
      data-vm-id={tab.vmId}
      data-status={status.kind}
      data-protocol={protocol}
    >
      <div className="console-toolbar">
        <span className="muted small" role="status" data-testid="console-status">
          {status.kind === 'connecting' &&
            `Connecting to the display of ${tab.vmName} on ${tab.hostName}…`}
          {status.kind === 'open' &&
            `${tab.vmName} on ${tab.hostName}${name ? ` (${name})` : ''}: click the picture to type into the guest`}
          {status.kind === 'ended' && (status.message ?? 'The graphical console was closed.')}
        </span>
        <span className="spacer" />
        <Button
          size="small"
          disabled={status.kind !== 'open'}
          onClick={() => display.current?.ctrlAltDel()}
          data-testid="console-ctrl-alt-del"
        >
          Ctrl+Alt+Del
        </Button>
        <label className="console-choice">
          <input
            type="checkbox"
            checked={scale}
            onChange={(e) => setScale(e.target.checked)}
            data-testid="console-scale"
          />
          Scale to fit
        </label>
        {(status.kind === 'ended' || status.kind === 'failed') && (
          <Button
            size="small"
            variant="primary"
            onClick={() => {
              setStatus({ kind: 'connecting' });
              setAttempt((n) => n + 1);
            }}
            data-testid="console-reconnect"
          >
            Reconnect
          </Button>
        )}
      </div>
      {status.kind === 'failed' && <ErrorNotice error={status.error} testId="console-error" />}
      <div className="vnc-box" ref={box} data-testid="vnc-box" />
    </div>
  );
}
