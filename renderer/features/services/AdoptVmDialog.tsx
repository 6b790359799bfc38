import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Vm } from '../../../shared/domain';
import type { ApplicationId, ServiceId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { useFleet, useServices } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatMemory } from '../../../shared/words';

interface Choice {
  key: string;
  serviceId: ServiceId;
  applicationId: ApplicationId;
  label: string;
  /** Why this application cannot take the VM, or undefined when it can. */
  refusal: string | undefined;
}

/**
 * Adopt an existing VM as a replica of an application: the console writes the application and
 * service into the domain's <metadata> (a plan that runs at once), and the VM then counts toward
 * the service's health. The core checks again; this list only says in advance what it will refuse.
 */
export function AdoptVmDialog(props: { vm: Vm; onClose: () => void }) {
  const { vm, onClose } = props;
  const client = useClient();
  const { data: catalog } = useServices();
  const { data: fleet } = useFleet();
  const openPanel = useUiStore((s) => s.setSidePanelOpen);
  const choices: Choice[] = (catalog?.services ?? []).flatMap(({ service, applications }) =>
    applications.map((app) => {
      const members = (fleet?.vms ?? []).filter(
        (v) => v.application === app.id && v.service === service.id,
      ).length;
      const refusal =
        vm.vcpus > app.vcpus || vm.memoryMiB > app.memoryMiB
          ? `needs at most ${app.vcpus} vCPU · ${formatMemory(app.memoryMiB)}`
          : members >= app.replicas
            ? `already has its ${app.replicas} replica${app.replicas === 1 ? '' : 's'}`
            : undefined;
      return {
        key: `${service.id}/${app.id}`,
        serviceId: service.id,
        applicationId: app.id,
        label: `${service.name} / ${app.name}`,
        refusal,
      };
    }),
  );
  const [picked, setPicked] = useState<string>('');
  const selectId = useId();
  const choice = choices.find((c) => c.key === picked) ?? choices.find((c) => !c.refusal);
  const adopt = useMutation({
    mutationFn: (c: Choice) =>
      client.call('services:adopt', {
        serviceId: c.serviceId,
        applicationId: c.applicationId,
        vms: [{ hostId: vm.hostId, vmId: vm.id }],
      }),
    onSuccess: () => {
      openPanel(true); // the plan's progress is shown there
      onClose();
    },
  });
  return (
    <Dialog
      title={`Add ${vm.name} to a service`}
      onClose={onClose}
      testId="adopt-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            disabled={!choice || choice.refusal !== undefined}
            busy={adopt.isPending}
            onClick={() => choice && adopt.mutate(choice)}
            data-testid="adopt-confirm"
          >
            Add to service
          </Button>
        </>
      }
    >
      {choices.length === 0 ? (
        <p className="muted">Define a service first (Services &amp; plans → New service).</p>
      ) : (
        <>
          <p>
            {vm.name} ({vm.vcpus} vCPU · {formatMemory(vm.memoryMiB)}) becomes a replica of the
            application you choose: its libvirt metadata is tagged, nothing else changes.
          </p>
          <div className="field">
            <label htmlFor={selectId}>Service / application</label>
            <select
              id={selectId}
              value={choice?.key ?? ''}
              onChange={(event) => setPicked(event.target.value)}
              data-testid="adopt-choice"
            >
              {choices.map((c) => (
                <option key={c.key} value={c.key} disabled={c.refusal !== undefined}>
                  {c.label}
                  {c.refusal ? ` (${c.refusal})` : ''}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      {adopt.error && (
        <ErrorNotice
          title={`Couldn't add ${vm.name} to ${choice?.label ?? 'the service'}`}
          error={AppError.from(adopt.error)}
          testId="adopt-error"
        />
      )}
    </Dialog>
  );
}
