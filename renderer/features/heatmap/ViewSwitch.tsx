import { useUiStore, type MainView } from '../../app/ui-store';
import './heatmap.css';

const VIEWS: readonly { view: MainView; label: string; title: string }[] = [
  { view: 'topology', label: 'Topology', title: 'Every host as a card with its layers and VMs' },
  {
    view: 'host-table',
    label: 'Hosts',
    title: 'A table of hosts: sort, group by a label, select several',
  },
  { view: 'vm-table', label: 'VMs', title: 'A table of VMs: sort, group, drag onto a host row' },
  {
    view: 'heatmap',
    label: 'Heat map',
    title: 'Every host as a tile, coloured by health or a metric',
  },
  {
    view: 'network',
    label: 'Network',
    title: 'Hosts linked by their migration paths (broken ones with why), services across them',
  },
];

/** Topology cards, a table of hosts or VMs, the heat map or the network in the main area; the window keeps the choice. */
export function ViewSwitch() {
  const mainView = useUiStore((s) => s.mainView);
  const setMainView = useUiStore((s) => s.setMainView);
  return (
    <div className="view-switch" role="group" aria-label="Main view">
      {VIEWS.map(({ view, label, title }) => (
        <button
          key={view}
          type="button"
          className="view-switch-button"
          aria-pressed={mainView === view}
          title={title}
          data-testid={`view-${view}`}
          onClick={() => setMainView(view)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
