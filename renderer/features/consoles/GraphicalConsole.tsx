import RFB from '@novnc/novnc';
import { useEffect, useRef, useState } from 'react';
import { CONSOLE_KEEPALIVE_MS } from '../../../shared/domain/console';
import { AppError } from '../../../shared/errors';
import { useClient, useConsoleEvents } from '../../api/api-context';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';
import type { ConsoleTab } from './console-store';
import { RfbChannel } from './rfb-channel';
import type { ConsoleStatus } from './use-console-session';

/**
 * A VM's graphical console: noVNC draws the guest's VNC display, whose bytes the core carries
 * through the host's SSH connection (RfbChannel). Keyboard and mouse go to the guest while the
 * display has focus; Ctrl+Alt+Del is a button (the desktop would take the keys itself); the
 * picture scales to the dock or shows at its own size; Reconnect opens a new stream.
 */
export function GraphicalConsole(props: { tab: ConsoleTab; visible: boolean }) {
  const { tab, visible } = props;
  const client = useClient();
  const onConsole = useConsoleEvents();
  const box = useRef<HTMLDivElement>(null);
  const rfb = useRef<RFB | undefined>(undefined);
  const [status, setStatus] = useState<ConsoleStatus>({ kind: 'connecting' });
  const [scale, setScale] = useState(true);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let gone = false;
    let consoleId: string | undefined;
    let unsubscribe = (): void => undefined;
    const quietly = (work: Promise<unknown>) => void work.catch(() => undefined);
    const channel = new RfbChannel({
      send: (data) => {
        if (consoleId !== undefined)
          quietly(client.call('console:input', { consoleId, data, encoding: 'base64' }));
      },
      close: () => {
        if (consoleId !== undefined) quietly(client.call('console:close', { consoleId }));
        consoleId = undefined;
      },
    });
    const display = new RFB(element, channel, { shared: true });
    display.scaleViewport = scale;
    display.background = 'var(--chrome)'; // the theme's dark chrome round the guest's picture
    display.addEventListener('connect', () => {
      if (!gone) setStatus({ kind: 'open' });
    });
    display.addEventListener('credentialsrequired', () => {
      if (gone) return;
      const why = `the display of ${tab.vmName} asks for a VNC password, which this console cannot send yet`;
      setStatus({ kind: 'failed', error: new AppError('invalid-request', why) });
      display.disconnect();
    });
    display.addEventListener('disconnect', () => {
      if (!gone)
        setStatus((was) =>
          was.kind === 'open' || was.kind === 'connecting'
            ? { kind: 'ended', message: undefined }
            : was,
        );
    });
    rfb.current = display;
    void client.call('console:open-graphics', { hostId: tab.hostId, vmId: tab.vmId }).then(
      (opened) => {
        if (gone) {
          quietly(client.call('console:close', opened));
          return;
        }
        consoleId = opened.consoleId;
        unsubscribe = onConsole(opened.consoleId, {
          output: (bytes) => {
            channel.receive(bytes);
            quietly(client.call('console:ack', { ...opened, bytes: bytes.length }));
          },
          closed: (message) => {
            consoleId = undefined;
            setStatus({ kind: 'ended', message });
            channel.ended(message);
          },
        });
        channel.opened();
        // The first ack says "listening": the core sends what it held until now (RFB's banner).
        quietly(client.call('console:ack', { ...opened, bytes: 0 }));
      },
      (thrown: unknown) => {
        if (!gone) setStatus({ kind: 'failed', error: AppError.from(thrown) });
      },
    );
    const keepalive = setInterval(() => {
      if (consoleId !== undefined) quietly(client.call('console:ack', { consoleId, bytes: 0 }));
    }, CONSOLE_KEEPALIVE_MS);
    return () => {
      gone = true;
      clearInterval(keepalive);
      unsubscribe();
      display.disconnect(); // closes the channel, which closes the core's stream
      rfb.current = undefined;
    };
    // `scale` is applied below without a new connection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, onConsole, tab.hostId, tab.vmId, tab.vmName, attempt]);

  useEffect(() => {
    if (rfb.current) rfb.current.scaleViewport = scale;
  }, [scale]);
  useEffect(() => {
    if (visible && status.kind === 'open') rfb.current?.focus();
  }, [visible, status.kind]);

  return (
    <div
      className="graphical-console"
      hidden={!visible}
      data-testid="graphical-console"
      data-vm-id={tab.vmId}
      data-status={status.kind}
    >
      <div className="console-toolbar">
        <span className="muted small" role="status" data-testid="console-status">
          {status.kind === 'connecting' &&
            `Connecting to the display of ${tab.vmName} on ${tab.hostName}…`}
          {status.kind === 'open' &&
            `${tab.vmName} on ${tab.hostName}: click the picture to type into the guest`}
          {status.kind === 'ended' && (status.message ?? 'The graphical console was closed.')}
        </span>
        <span className="spacer" />
        <Button
          size="small"
          disabled={status.kind !== 'open'}
          onClick={() => rfb.current?.sendCtrlAltDel()}
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
