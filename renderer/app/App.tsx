import { lazy, Suspense } from 'react';
import { AddHostDialog } from '../features/hosts/AddHostDialog';
import { Alerts } from '../features/alerts/Alerts';
import { ImportHostsDialog } from '../features/hosts/ImportHostsDialog';
import { DetailsPanel } from '../features/hosts/DetailsPanel';
import { HostList } from '../features/hosts/HostList';
import { TrustHostDialog } from '../features/hosts/TrustHostDialog';
import { EventLog } from '../features/health/EventLog';
import { ConsoleDock } from '../features/consoles/ConsoleDock';
import { DemoBanner } from '../features/topology/DemoBanner';
import { MoveLayer } from '../features/move/MoveLayer';
import { TopologyView } from '../features/topology/TopologyView';
import { HeatMap } from '../features/heatmap/HeatMap';
import { ServicesAndPlans } from '../features/services/ServicesAndPlans';
import { useConnectionStatus } from '../api/api-context';
import { ConnectionBanner } from './ConnectionBanner';
import { InventoryNoticeBanner } from './InventoryNoticeBanner';
import { TokenRejected } from './TokenRejected';
import { AppDialogs } from './AppDialogs';
import { RecoveryDialog } from '../features/recovery/RecoveryDialog';
import { NewVmWizard } from '../features/create-vm/NewVmDialog';
import { useFollowSystemTheme } from './theme';
import { TopBar } from './TopBar';
import { useUiStore, type MainView } from './ui-store';
import { useAppCommands } from './use-app-commands';
import { useIdlePreload } from './use-idle-preload';
import { loadTimeSeriesChart } from '../ui/charts/LazyTimeSeriesChart';

// The network view brings React Flow (ELK runs in a worker it starts): not loaded with the window,
// but once the window is idle, so the first click on Network does not wait for it.
const loadNetworkView = () => import('../features/network/NetworkView');
const NetworkView = lazy(() => loadNetworkView().then((m) => ({ default: m.NetworkView })));

const MAIN_LABEL: Partial<Record<MainView, string>> = {
  heatmap: 'Heat map',
  network: 'Network of hosts',
};

/** The console's frame: top bar, banners, host list, topology, details, event log, dialogs. */
export function App() {
  const addHostOpen = useUiStore((s) => s.addHostOpen);
  const importOpen = useUiStore((s) => s.importOpen);
  const trusting = useUiStore((s) => s.trustHostId !== null);
  const mainView = useUiStore((s) => s.mainView);
  const { status } = useConnectionStatus();
  useFollowSystemTheme();
  useAppCommands();
  useIdlePreload(loadNetworkView);
  useIdlePreload(loadTimeSeriesChart);
  // Nothing below can load without the core: say why instead of showing an empty console.
  if (status === 'rejected') return <TokenRejected />;
  return (
    <div className="app">
      <TopBar />
      <ConnectionBanner />
      <InventoryNoticeBanner />
      <DemoBanner />
      <div className="workspace">
        <HostList />
        <main className="main" aria-label={MAIN_LABEL[mainView] ?? 'Topology'}>
          {mainView === 'heatmap' ? (
            <HeatMap />
          ) : mainView === 'network' ? (
            <Suspense fallback={<p className="topology-message">Loading the network view…</p>}>
              <NetworkView />
            </Suspense>
          ) : (
            <TopologyView />
          )}
        </main>
        <DetailsPanel />
        <ServicesAndPlans />
      </div>
      <ConsoleDock />
      <EventLog />
      {addHostOpen && <AddHostDialog />}
      {importOpen && <ImportHostsDialog />}
      {trusting && <TrustHostDialog />}
      <MoveLayer />
      <AppDialogs />
      <RecoveryDialog />
      <NewVmWizard />
      <Alerts />
    </div>
  );
}
