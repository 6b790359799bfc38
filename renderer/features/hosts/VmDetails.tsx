import { useState } from 'react';
import { isActive, type Host, type Vm } from '../../../shared/domain';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { formatMemory } from '../../../shared/words';
import { vmStateView } from '../topology/state-view';
import { MoveToButton } from '../move/MoveToButton';
import { AdoptVmDialog } from '../services/AdoptVmDialog';
import { useServices } from '../../api/queries';
import { ObjectCharts } from '../health/charts/ObjectCharts';
import { VmPowerButtons } from './VmPowerButtons';
import { VmFullDetails } from '../vm-details/VmFullDetails';
import { SnapshotsSection } from '../vm-details/SnapshotsSection';
import { useConsoleStore } from '../consoles/console-store';
import { CloneVm } from '../create-vm/CloneVm';

/** The two consoles a running VM has, each a tab of the console dock. */
const CONSOLE_BUTTONS = [
  { kind: 'serial', label: 'Serial console', testId: 'open-console' },
  { kind: 'graphical', label: 'Graphical console', testId: 'open-graphical-console' },
] as const;

/** One VM: what it is, where it runs, and the power actions libvirt offers. */
export function VmDetails(props: { vm: Vm; host: Host | undefined }) {
  const { vm, host } = props;
  const view = vmStateView(vm.state);
  const hostName = host?.config.name ?? vm.hostId;
  const [adopting, setAdopting] = useState(false);
  const { data: catalog } = useServices();
  const bundle = catalog?.services.find((b) => b.service.id === vm.service);
  const application = bundle?.applications.find((a) => a.id === vm.application);
  const hostUp = host?.state === 'connected';
  const openConsole = useConsoleStore((s) => s.open);

  return (
    <div className="details" data-vm-id={vm.id}>
      <header className="details-header">
        <h2 className="vm-full-name">{vm.name}</h2>
        <Badge tone={view.tone}>{view.label}</Badge>
      </header>
      {vm.stateReason && <p className="muted">Reason: {vm.stateReason}</p>}
      <VmPowerButtons vm={vm} host={host} />
      <div className="button-row" role="group" aria-label="Other VM actions">
        <MoveToButton vmId={vm.id} />
        <CloneVm vm={vm} hostUp={hostUp} />
        {CONSOLE_BUTTONS.map(({ kind, label, testId }) => (
          <Button
            key={kind}
            size="small"
            disabled={!hostUp || !isActive(vm.state)}
            title={isActive(vm.state) ? undefined : 'The VM is not running'}
            onClick={() =>
              openConsole({ kind, hostId: vm.hostId, vmId: vm.id, vmName: vm.name, hostName })
            }
            data-testid={testId}
          >
            {label}
          </Button>
        ))}
        {!vm.service && (
          <Button
            size="small"
            disabled={!hostUp}
            onClick={() => setAdopting(true)}
            data-testid="adopt-vm"
          >
            Add to service…
          </Button>
        )}
      </div>
      <dl className="facts">
        <dt>Host</dt>
        <dd>{hostName}</dd>
        <dt>vCPUs</dt>
        <dd>{vm.vcpus}</dd>
        <dt>Memory</dt>
        <dd>{formatMemory(vm.memoryMiB)}</dd>
        <dt>Persistent</dt>
        <dd>{vm.persistent ? 'yes' : 'no (transient)'}</dd>
        <dt>Application</dt>
        <dd>{application?.name ?? vm.application ?? '—'}</dd>
        <dt>Service</dt>
        <dd>{bundle?.service.name ?? (vm.service ? `${vm.service} (not defined here)` : '—')}</dd>
        <dt>UUID</dt>
        <dd>
          <code>{vm.id}</code>
        </dd>
      </dl>
      <VmFullDetails vm={vm} hostName={hostName} hostConnected={hostUp} />
      <SnapshotsSection vm={vm} hostName={hostName} hostConnected={hostUp} />
      <ObjectCharts kind="vm" objectId={vm.id} hostId={vm.hostId} connected={hostUp} />
      {adopting && <AdoptVmDialog vm={vm} onClose={() => setAdopting(false)} />}
    </div>
  );
}
