import { useUiStore, type MainView } from '../../app/ui-store';
import './heatmap.css';

const VIEWS: readonly { view: MainView; label: string; title: string }[] = [
  { view: 'topology', label: 'Topology', title: 'Every host as a card with its layers and VMs' },
  {
    view: 'heatmap',
    label: 'Heat map',
    title: 'Every host as a tile, coloured by health or a metric',
  },
];

/** Topology or heat map in the main area; the window keeps the choice. */
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
