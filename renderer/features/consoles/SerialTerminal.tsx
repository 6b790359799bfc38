import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';
import type { ConsoleTab } from './console-store';
import { useConsoleSession, type ConsoleScreen } from './use-console-session';
import { mirrorStyleElements } from './style-mirror';

/**
 * A VM's serial console in xterm.js: sized to its box (and the host's terminal told so), copy with
 * Ctrl+Shift+C or the button, paste with Ctrl+Shift+V or the button, reconnect when it ended.
 */
export function SerialTerminal(props: { tab: ConsoleTab; visible: boolean }) {
  const { tab, visible } = props;
  const box = useRef<HTMLDivElement>(null);
  const term = useRef<{ terminal: Terminal; fit: FitAddon } | undefined>(undefined);
  const [screen, setScreen] = useState<ConsoleScreen | undefined>();
  const [clipboardNote, setClipboardNote] = useState<string | undefined>();
  const session = useConsoleSession(tab, screen);
  const latest = useRef(session);
  useEffect(() => {
    latest.current = session;
  });

  const copy = () => {
    const text = term.current?.terminal.getSelection() ?? '';
    if (text === '') return setClipboardNote('Select text in the console first.');
    navigator.clipboard.writeText(text).then(
      () => setClipboardNote('Copied.'),
      () => setClipboardNote('The clipboard refused: use your system’s copy shortcut.'),
    );
  };
  const paste = () => {
    navigator.clipboard.readText().then(
      (text) => term.current?.terminal.paste(text),
      () => setClipboardNote('The clipboard refused: press Ctrl+Shift+V in the console.'),
    );
  };

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const terminal = new Terminal({
      cursorBlink: true,
      fontFamily: "'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace",
      fontSize: 13,
      scrollback: 5000,
      convertEol: false,
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    const unmirror = mirrorStyleElements(element);
    terminal.open(element);
    fit.fit();
    term.current = { terminal, fit };
    terminal.attachCustomKeyEventHandler((event) => {
      if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
      if (event.code === 'KeyC') {
        copy();
        return false;
      }
      // Ctrl+Shift+V: the browser's own paste event reaches xterm, which sends it as input.
      return true;
    });
    const typed = terminal.onData((data) => latest.current.send(data));
    const resized = terminal.onResize((size) => latest.current.resize(size));
    const observer = new ResizeObserver(() => {
      if (element.offsetParent !== null) fit.fit();
    });
    observer.observe(element);
    setScreen({
      write: (bytes, drawn) => terminal.write(bytes, drawn),
      size: () => ({ cols: Math.max(2, terminal.cols), rows: Math.max(1, terminal.rows) }),
    });
    return () => {
      observer.disconnect();
      typed.dispose();
      resized.dispose();
      terminal.dispose();
      unmirror();
      term.current = undefined;
    };
  }, []);

  useEffect(() => {
    if (visible) {
      term.current?.fit.fit();
      term.current?.terminal.focus();
    }
  }, [visible]);

  const { status } = session;
  return (
    <div
      className="serial-terminal"
      hidden={!visible}
      data-testid="serial-terminal"
      data-vm-id={tab.vmId}
      data-status={status.kind}
    >
      <div className="console-toolbar">
        <span className="muted small" role="status" data-testid="console-status">
          {status.kind === 'connecting' && `Connecting to ${tab.vmName} on ${tab.hostName}…`}
          {status.kind === 'open' &&
            `${tab.vmName} on ${tab.hostName}: Ctrl+] in the console ends it`}
          {status.kind === 'ended' && (status.message ?? 'The console was closed.')}
        </span>
        <span className="spacer" />
        {clipboardNote && <span className="muted small">{clipboardNote}</span>}
        <Button size="small" onClick={copy} data-testid="console-copy">
          Copy
        </Button>
        <Button size="small" onClick={paste} data-testid="console-paste">
          Paste
        </Button>
        {(status.kind === 'ended' || status.kind === 'failed') && (
          <Button
            size="small"
            variant="primary"
            onClick={session.reconnect}
            data-testid="console-reconnect"
          >
            Reconnect
          </Button>
        )}
      </div>
      {status.kind === 'failed' && <ErrorNotice error={status.error} testId="console-error" />}
      <div className="terminal-box" ref={box} />
    </div>
  );
}
