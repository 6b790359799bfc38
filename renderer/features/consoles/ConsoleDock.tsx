import { useConsoleStore } from './console-store';
import { SerialTerminal } from './SerialTerminal';
import './consoles.css';

/** The serial consoles open in this window, one tab each; every terminal stays alive when hidden. */
export function ConsoleDock() {
  const tabs = useConsoleStore((s) => s.tabs);
  const active = useConsoleStore((s) => s.active);
  const activate = useConsoleStore((s) => s.activate);
  const close = useConsoleStore((s) => s.close);
  if (tabs.length === 0) return null;
  return (
    <section className="console-dock" aria-label="Serial consoles" data-testid="console-dock">
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
      {tabs.map((tab) => (
        <SerialTerminal key={tab.key} tab={tab} visible={tab.key === active} />
      ))}
    </section>
  );
}
