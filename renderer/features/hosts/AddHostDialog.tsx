import { useEffect, useMemo } from 'react';
import type { Host } from '../../../shared/domain';
import { useFleet } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { fenceProxyChoices, jumpHostChoices } from './add-host-form';
import { AddHostForm } from './AddHostForm';
import { ConnectFailure } from './ConnectFailure';
import { FingerprintDialog } from './FingerprintDialog';
import { useAddHostFlow } from './use-add-host-flow';

const FORM_ID = 'add-host-form';

/**
 * "Add host", then whatever the new host needs: its key trusted, or the admin told why it failed
 * and offered the form again ("Edit and retry", which changes the stored host in place). Opened to
 * edit a stored host ("Edit…" in its details), it starts at that form.
 */
export function AddHostDialog() {
  const editHostId = useUiStore((s) => s.editHostId);
  const { data: editHost } = useFleet(
    (f) => f.hosts.find((h) => h.config.id === editHostId) ?? null,
  );
  if (editHostId === null) return <HostFlowDialog start={null} />;
  // Keyed: another host to edit starts a new flow rather than reusing the last one's form.
  return editHost ? <HostFlowDialog key={editHostId} start={editHost} /> : null;
}

function HostFlowDialog(props: { start: Host | null }) {
  const close = useUiStore((s) => s.closeAddHost);
  const select = useUiStore((s) => s.select);
  const flow = useAddHostFlow(props.start);
  const { step, host } = flow;
  const { data: hosts } = useFleet((f) => f.hosts);
  const selfId = host?.config.id;
  const jumpHosts = useMemo(() => jumpHostChoices(hosts ?? [], selfId), [hosts, selfId]);
  const fenceProxies = useMemo(() => fenceProxyChoices(hosts ?? [], selfId), [hosts, selfId]);

  useEffect(() => {
    if (step === 'done' && host) {
      select({ kind: 'host', hostId: host.config.id });
      close();
    }
  }, [step, host, close, select]);

  if (step === 'fingerprint' && host) {
    return (
      <FingerprintDialog
        host={host}
        onTrust={() => flow.trust()}
        onCancel={() => flow.removeHost(close)}
        trusting={flow.trusting}
        cancelling={flow.removing}
        cancelRemoves
        error={flow.actionError}
      />
    );
  }
  if ((step === 'failed' || step === 'connecting') && host) {
    return (
      <Dialog title={`Add host ${host.config.name}`} onClose={close} testId="add-host-dialog">
        <ConnectFailure
          host={host}
          connecting={step === 'connecting'}
          onEditAndRetry={flow.edit}
          onKeep={close}
        />
      </Dialog>
    );
  }
  const editing = flow.editing && host !== null;
  const name = flow.values.name.trim() || flow.values.address.trim();
  return (
    <Dialog
      title={editing ? `Edit host ${host.config.name}` : 'Add host'}
      onClose={close}
      testId="add-host-dialog"
      width="wide"
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button
            variant="primary"
            type="submit"
            form={FORM_ID}
            busy={flow.submitting}
            data-testid="add-host-submit"
          >
            {flow.submitting ? 'Connecting…' : editing ? 'Save and connect' : 'Add host'}
          </Button>
        </>
      }
    >
      {editing && (
        <p className="field-hint" data-testid="editing-note">
          Changing {host.config.name}: it keeps its place and its event log. A new address or port
          forgets its trusted host key. Cancel keeps the host as it is.
        </p>
      )}
      <AddHostForm
        id={FORM_ID}
        values={flow.values}
        errors={flow.errors}
        onChange={flow.setValue}
        onSubmit={flow.submit}
        disabled={flow.submitting}
        jumpHosts={jumpHosts}
        fenceProxies={fenceProxies}
        hostId={editing ? host.config.id : undefined}
      />
      {flow.submitError && (
        <ErrorNotice
          title={editing ? `Couldn't change host ${host.config.name}` : `Couldn't add host ${name}`}
          error={flow.submitError}
          testId="add-host-error"
        />
      )}
    </Dialog>
  );
}
