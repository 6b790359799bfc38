import { useCallback, useEffect, useRef, useState } from 'react';
import { CONSOLE_INPUT_CHARS, CONSOLE_KEEPALIVE_MS } from '../../../shared/domain/console';
import { AppError } from '../../../shared/errors';
import { useClient, useConsoleEvents } from '../../api/api-context';

export type ConsoleStatus =
  | { kind: 'connecting' }
  | { kind: 'open' }
  | { kind: 'ended'; message: string | undefined }
  | { kind: 'failed'; error: AppError };

/** What the terminal gives the session: where output goes, and a way to say it was drawn. */
export interface ConsoleScreen {
  write(bytes: Uint8Array, drawn: () => void): void;
  size(): { cols: number; rows: number };
}

/**
 * One serial console's life in the window: open it in the core, draw its output (each piece
 * acknowledged once drawn, which is the core's backpressure), send keys and sizes, say it is still
 * here, and close it when the tab goes. `reconnect` opens a new one on the same screen.
 */
export function useConsoleSession(
  target: { hostId: string; vmId: string },
  screen: ConsoleScreen | undefined,
) {
  const client = useClient();
  const onConsole = useConsoleEvents();
  const [status, setStatus] = useState<ConsoleStatus>({ kind: 'connecting' });
  const [attempt, setAttempt] = useState(0);
  const current = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!screen) return;
    let gone = false;
    let consoleId: string | undefined;
    let unsubscribe = (): void => undefined;
    const call = (work: Promise<unknown>) => void work.catch(() => undefined);
    void client
      .call('console:open', { hostId: target.hostId, vmId: target.vmId, size: screen.size() })
      .then(
        (opened) => {
          if (gone) {
            call(client.call('console:close', opened));
            return;
          }
          consoleId = opened.consoleId;
          current.current = consoleId;
          unsubscribe = onConsole(opened.consoleId, {
            output: (bytes) =>
              screen.write(bytes, () =>
                call(client.call('console:ack', { ...opened, bytes: bytes.length })),
              ),
            closed: (message) => {
              current.current = undefined;
              setStatus({ kind: 'ended', message });
            },
          });
          setStatus({ kind: 'open' });
          // The first ack says "listening": the core sends what it held until now.
          call(client.call('console:ack', { ...opened, bytes: 0 }));
        },
        (thrown: unknown) => {
          if (!gone) setStatus({ kind: 'failed', error: AppError.from(thrown) });
        },
      );
    const keepalive = setInterval(() => {
      if (current.current)
        call(client.call('console:ack', { consoleId: current.current, bytes: 0 }));
    }, CONSOLE_KEEPALIVE_MS);
    return () => {
      gone = true;
      clearInterval(keepalive);
      unsubscribe();
      if (consoleId !== undefined && current.current === consoleId) {
        current.current = undefined;
        call(client.call('console:close', { consoleId }));
      }
    };
  }, [client, onConsole, screen, target.hostId, target.vmId, attempt]);

  const send = useCallback(
    (data: string) => {
      const consoleId = current.current;
      if (consoleId === undefined) return;
      for (let at = 0; at < data.length; at += CONSOLE_INPUT_CHARS) {
        void client
          .call('console:input', { consoleId, data: data.slice(at, at + CONSOLE_INPUT_CHARS) })
          .catch(() => undefined);
      }
    },
    [client],
  );
  const resize = useCallback(
    (size: { cols: number; rows: number }) => {
      const consoleId = current.current;
      if (consoleId !== undefined)
        void client.call('console:resize', { consoleId, size }).catch(() => undefined);
    },
    [client],
  );
  const reconnect = useCallback(() => {
    setStatus({ kind: 'connecting' });
    setAttempt((n) => n + 1);
  }, []);
  return { status, send, resize, reconnect };
}
