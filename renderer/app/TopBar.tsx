import { AlertsBadge } from '../features/alerts/AlertsBadge';
import { ServicesToggle } from '../features/services/ServicesAndPlans';
import { UndoLastMoveButton } from '../features/move/UndoLastMoveButton';
import { ViewSwitch } from '../features/heatmap/ViewSwitch';
import { SearchBox } from '../features/search/SearchBox';
import { Button } from '../ui/Button';
import { useUiStore } from './ui-store';

export function TopBar() {
  const openAddHost = useUiStore((s) => s.openAddHost);
  const openAppDialog = useUiStore((s) => s.openAppDialog);
  const setImportOpen = useUiStore((s) => s.setImportOpen);
  return (
    <header className="top-bar">
      <h1 className="brand">Federator</h1>
      <ViewSwitch />
      <SearchBox />
      <span className="top-bar-spacer" />
      <AlertsBadge />
      <UndoLastMoveButton />
      <ServicesToggle />
      <Button
        variant="chrome"
        onClick={() => setImportOpen(true)}
        data-testid="import-hosts-button"
      >
        Import hosts…
      </Button>
      <Button variant="primary" onClick={openAddHost} data-testid="add-host-button">
        Add host
      </Button>
      <nav className="top-bar-help" aria-label="Console">
        <Button
          variant="chrome"
          size="small"
          onClick={() => openAppDialog('settings')}
          data-testid="settings-button"
          title="Settings (Ctrl+,)"
        >
          Settings
        </Button>
        <Button
          variant="chrome"
          size="small"
          onClick={() => openAppDialog('shortcuts')}
          data-testid="shortcuts-button"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          ?
        </Button>
        <Button
          variant="chrome"
          size="small"
          onClick={() => openAppDialog('about')}
          data-testid="about-button"
        >
          About
        </Button>
      </nav>
    </header>
  );
}
