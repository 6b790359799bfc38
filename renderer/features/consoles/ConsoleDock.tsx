import { lazy, Suspense } from 'react';
import { useConsoleStore } from './console-store';
import './consoles.css';

// noVNC and xterm.js are loaded when the first console of their kind opens, not with the window.
const GraphicalConsole = lazy(() =>
  import('./GraphicalConsole').then((m) => ({ default: m.GraphicalConsole })),
);
const SerialTerminal = lazy(() =>
  import('./SerialTerminal').then((m) => ({ default: m.SerialTerminal })),
);

/** The consoles open in this window, one tab each; every console stays alive when hidden. */
export function ConsoleDock() {
  const tabs = useConsoleStore((s) => s.tabs);
  const active = useConsoleStore((s) => s.active);
  const activate = useConsoleStore((s) => s.activate);
  const close = useConsoleStore((s) => s.close);
  if (tabs.length === 0) return null;
  return (
    <section className="console-dock" aria-label="Consoles" data-testid="console-dock">
      <div className="console-tabs" role="tablist">
        {tabs.map((tab) => (
          <div key={tab.key} className={`console-tab${tab.key === active ? ' is-active' : ''}`}>
            <button
              type="button"
              role="tab"
              aria-selected={tab.key === active}
              onClick={() => activate(tab.key)}
              data-testid="console-tab"
            >
              {tab.kind === 'graphical' ? 'Display: ' : ''}
              {tab.vmName} <span className="muted">on {tab.hostName}</span>
            </button>
            <button
              type="button"
              className="console-tab-close"
              aria-label={`Close the console of ${tab.vmName}`}
              onClick={() => close(tab.key)}
              data-testid="console-tab-close"
            >
              ×
            </button>
          </div>
        ))}
      </div>
      {tabs.map((tab) =>
        tab.kind === 'graphical' ? (
          <Suspense key={tab.key} fallback={<p className="muted small">Loading the VNC client…</p>}>
            <GraphicalConsole tab={tab} visible={tab.key === active} />
          </Suspense>
        ) : (
          <Suspense key={tab.key} fallback={<p className="muted small">Loading the terminal…</p>}>
            <SerialTerminal tab={tab} visible={tab.key === active} />
          </Suspense>
        ),
      )}
    </section>
  );
}
