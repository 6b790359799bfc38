import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { VmAction } from '../../../shared/contract/requests';
import type { Host, Vm } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatMemory } from '../topology/format';
import { vmStateView } from '../topology/state-view';
import { MoveToButton } from '../move/MoveToButton';
import { AdoptVmDialog } from '../services/AdoptVmDialog';
import { useServices } from '../../api/queries';
import { VM_ACTIONS, vmActionAllowed } from './host-action-words';

/** One VM: what it is, where it runs, and the power actions libvirt offers. */
export function VmDetails(props: { vm: Vm; host: Host | undefined }) {
  const { vm, host } = props;
  const client = useClient();
  const view = vmStateView(vm.state);
  const hostName = host?.config.name ?? vm.hostId;
  const [confirmDestroy, setConfirmDestroy] = useState(false);
  const [adopting, setAdopting] = useState(false);
  const { data: catalog } = useServices();
  const bundle = catalog?.services.find((b) => b.service.id === vm.service);
  const application = bundle?.applications.find((a) => a.id === vm.application);
  const act = useMutation({
    mutationFn: (action: VmAction) =>
      client.call('vms:action', { hostId: vm.hostId, vmId: vm.id, action }),
  });
  const failedVerb = VM_ACTIONS.find((a) => a.action === act.variables)?.verb ?? 'act on';
  const hostUp = host?.state === 'connected';
  const run = (action: VmAction) =>
    action === 'destroy' ? setConfirmDestroy(true) : act.mutate(action);

  return (
    <div className="details" data-vm-id={vm.id}>
      <header className="details-header">
        <h2 className="vm-full-name">{vm.name}</h2>
        <Badge tone={view.tone}>{view.label}</Badge>
      </header>
      {vm.stateReason && <p className="muted">Reason: {vm.stateReason}</p>}
      <div className="button-row" role="group" aria-label="VM actions">
        {VM_ACTIONS.map(({ action, label }) => (
          <Button
            key={action}
            size="small"
            variant={action === 'destroy' ? 'danger' : 'secondary'}
            busy={act.isPending && act.variables === action}
            disabled={!hostUp || act.isPending || !vmActionAllowed(action, vm.state)}
            onClick={() => run(action)}
            data-testid={`vm-action-${action}`}
          >
            {label}
            {action === 'destroy' ? '…' : ''}
          </Button>
        ))}
        <MoveToButton vmId={vm.id} />
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
      {!hostUp && <p className="muted small">Actions wait for {hostName} to be connected.</p>}
      {act.error && (
        <ErrorNotice
          title={`Couldn't ${failedVerb} VM '${vm.name}' on ${hostName}`}
          error={AppError.from(act.error)}
          testId="vm-action-error"
        />
      )}
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
      {adopting && <AdoptVmDialog vm={vm} onClose={() => setAdopting(false)} />}
      {confirmDestroy && (
        <ConfirmDialog
          title={`Force off VM '${vm.name}'?`}
          confirmLabel="Force off"
          onCancel={() => setConfirmDestroy(false)}
          onConfirm={() => {
            setConfirmDestroy(false);
            act.mutate('destroy');
          }}
        >
          <p>
            This pulls the virtual power plug of &lsquo;{vm.name}&rsquo; on {hostName}: the guest
            gets no chance to shut down and unsaved data in it is lost.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
