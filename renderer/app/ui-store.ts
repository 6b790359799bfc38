import { create } from 'zustand';
import type { HostId, VmId } from '../../shared/domain';
import type { PlanId, ServiceId } from '../../shared/domain/ids';
import { readPref, writePref } from './window-prefs';

/** What is selected: ids only. The host or VM itself is always read from the query cache. */
export type Selection =
  { kind: 'host'; hostId: HostId } | { kind: 'vm'; hostId: HostId; vmId: VmId };

export type HostFilter = 'all' | 'problems';

/** The window's own dialogs: settings, the shortcuts overlay, About. One at a time. */
export type AppDialog = 'settings' | 'shortcuts' | 'about';

/** The alerts dialog's tabs: the list, the rule editor, where notifications go. */
export type AlertsTab = 'alerts' | 'rules' | 'notifications';
/**
 * What the main area shows: the topology of cards, a table of hosts or of VMs, the heat map of
 * every host as a tile, or the network of hosts and their migration paths.
 */
export type MainView = 'topology' | 'host-table' | 'vm-table' | 'heatmap' | 'network';
const MAIN_VIEWS: readonly string[] = ['topology', 'host-table', 'vm-table', 'heatmap', 'network'];
const MAIN_VIEW_KEY = 'federator.main-view';
const isMainView = (v: string): v is MainView => MAIN_VIEWS.includes(v);

interface UiState {
  /** The main area's view, kept by the window across restarts. */
  mainView: MainView;
  setMainView: (view: MainView) => void;
  selection: Selection | null;
  addHostOpen: boolean;
  /** The import dialog (~/.ssh/config, Ansible inventory). */
  importOpen: boolean;
  setImportOpen: (open: boolean) => void;
  /** The stored host the add-host dialog is changing, when it was opened to edit one. */
  editHostId: HostId | null;
  /** A host waiting for its key to be trusted, whose fingerprint dialog is open. */
  trustHostId: HostId | null;
  logOpen: boolean;
  filter: HostFilter;
  /** The plan whose review dialog is open (deploy, move, evacuation, undo …). */
  reviewPlanId: PlanId | null;
  openReview: (planId: PlanId) => void;
  closeReview: () => void;
  /** The New VM wizard, open (on a host, or with the engine choosing), or closed. */
  newVm: { hostId?: HostId } | null;
  openNewVm: (hostId?: HostId) => void;
  closeNewVm: () => void;
  /** The lost host whose "Recover VMs…" dialog is open. */
  recoverHostId: HostId | null;
  openRecovery: (hostId: HostId) => void;
  closeRecovery: () => void;
  /** The services and plans side panel. */
  sidePanelOpen: boolean;
  setSidePanelOpen: (open: boolean) => void;
  /** The service whose VMs the topology highlights: hovered, else selected in the services panel. */
  hoveredServiceId: ServiceId | null;
  selectedServiceId: ServiceId | null;
  hoverService: (serviceId: ServiceId | null) => void;
  selectService: (serviceId: ServiceId | null) => void;
  select: (selection: Selection | null) => void;
  /** VMs picked with Ctrl/Cmd- or Shift-click: a drag or "Move to…" moves them together. */
  vmSelection: VmId[];
  /** Adds or removes one VM; the first toggle keeps the VM already selected by a plain click. */
  toggleVmSelection: (vmId: VmId) => void;
  /** Replaces the picked VMs (a Shift-click range in the VM table). */
  setVmSelection: (vmIds: readonly VmId[]) => void;
  clearVmSelection: () => void;
  openAddHost: () => void;
  openEditHost: (hostId: HostId) => void;
  closeAddHost: () => void;
  openTrust: (hostId: HostId) => void;
  closeTrust: () => void;
  setLogOpen: (open: boolean) => void;
  setFilter: (filter: HostFilter) => void;
  appDialog: AppDialog | null;
  openAppDialog: (dialog: AppDialog | null) => void;
  /** The alerts dialog, open on one of its tabs, or closed. */
  alertsTab: AlertsTab | null;
  openAlerts: (tab: AlertsTab | null) => void;
}

/** UI state only: selection, dialogs, panels and filters. Never a copy of server data. */
export const useUiStore = create<UiState>()((set) => ({
  mainView: readPref(MAIN_VIEW_KEY, isMainView, 'topology'),
  setMainView: (mainView) => {
    writePref(MAIN_VIEW_KEY, mainView);
    set({ mainView });
  },
  selection: null,
  addHostOpen: false,
  importOpen: false,
  setImportOpen: (importOpen) => set({ importOpen }),
  editHostId: null,
  trustHostId: null,
  logOpen: true,
  filter: 'all',
  reviewPlanId: null,
  openReview: (reviewPlanId) => set({ reviewPlanId }),
  closeReview: () => set({ reviewPlanId: null }),
  newVm: null,
  openNewVm: (hostId) => set({ newVm: hostId === undefined ? {} : { hostId } }),
  closeNewVm: () => set({ newVm: null }),
  recoverHostId: null,
  openRecovery: (recoverHostId) => set({ recoverHostId }),
  closeRecovery: () => set({ recoverHostId: null }),
  sidePanelOpen: false,
  setSidePanelOpen: (sidePanelOpen) => set({ sidePanelOpen }),
  hoveredServiceId: null,
  selectedServiceId: null,
  hoverService: (hoveredServiceId) => set({ hoveredServiceId }),
  selectService: (selectedServiceId) => set({ selectedServiceId }),
  select: (selection) => set({ selection }),
  vmSelection: [],
  toggleVmSelection: (vmId) =>
    set((s) => {
      const base =
        s.vmSelection.length === 0 && s.selection?.kind === 'vm' && s.selection.vmId !== vmId
          ? [s.selection.vmId]
          : s.vmSelection;
      return {
        vmSelection: base.includes(vmId) ? base.filter((id) => id !== vmId) : [...base, vmId],
      };
    }),
  setVmSelection: (vmIds) => set({ vmSelection: [...vmIds] }),
  clearVmSelection: () => set({ vmSelection: [] }),
  openAddHost: () => set({ addHostOpen: true, editHostId: null }),
  openEditHost: (hostId) => set({ addHostOpen: true, editHostId: hostId }),
  closeAddHost: () => set({ addHostOpen: false, editHostId: null }),
  openTrust: (hostId) => set({ trustHostId: hostId }),
  closeTrust: () => set({ trustHostId: null }),
  setLogOpen: (logOpen) => set({ logOpen }),
  setFilter: (filter) => set({ filter }),
  appDialog: null,
  openAppDialog: (appDialog) => set({ appDialog }),
  alertsTab: null,
  openAlerts: (alertsTab) => set({ alertsTab }),
}));
