import { Dialog } from '../ui/Dialog';
import { shortcutGroups } from './shortcuts';

/** `?`: every keyboard shortcut of the window, drawn from the list its handlers match with. */
export function ShortcutsDialog(props: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={props.onClose} testId="shortcuts-dialog">
      <div className="shortcut-groups">
        {shortcutGroups().map(({ scope, shortcuts }) => (
          <section key={scope}>
            <h3>{scope}</h3>
            <dl className="shortcut-list">
              {shortcuts.map((shortcut) => (
                <div key={shortcut.does} className="shortcut-row" data-testid="shortcut-row">
                  <dt>
                    {shortcut.keys.map((key, i) => (
                      <span key={key}>
                        {i > 0 && '+'}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{shortcut.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <p className="muted small">
          On a Mac, ⌘ works where Ctrl is shown. Ctrl-click or Shift-click selects several VMs.
        </p>
      </div>
    </Dialog>
  );
}
