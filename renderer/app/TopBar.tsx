import { ServicesToggle } from '../features/services/ServicesAndPlans';
import { UndoLastMoveButton } from '../features/move/UndoLastMoveButton';
import { Button } from '../ui/Button';
import { useUiStore } from './ui-store';

export function TopBar() {
  const openAddHost = useUiStore((s) => s.openAddHost);
  return (
    <header className="top-bar">
      <h1 className="brand">Federator</h1>
      <span className="top-bar-spacer" />
      <UndoLastMoveButton />
      <ServicesToggle />
      <Button variant="primary" onClick={openAddHost} data-testid="add-host-button">
        Add host
      </Button>
    </header>
  );
}
