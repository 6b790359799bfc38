import { SummaryBar } from '../features/topology/SummaryBar';
import { Button } from '../ui/Button';
import { useUiStore } from './ui-store';

export function TopBar() {
  const openAddHost = useUiStore((s) => s.openAddHost);
  return (
    <header className="top-bar">
      <h1 className="brand">Federator</h1>
      <SummaryBar />
      <Button variant="primary" onClick={openAddHost} data-testid="add-host-button">
        Add host
      </Button>
    </header>
  );
}
