import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { Vm } from '../../../shared/domain';
import { vmNameProblem, type CloneVmRequest } from '../../../shared/domain/create-vm';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { useFleet } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { usePlanWriter } from '../plans/use-plan-writer';

/**
 * Clone… on a shut-off VM: the new name (checked as typed, against the host's VMs too), then a
 * plan whose review lists each disk copied and where; approved there.
 */
export function CloneVm(props: { vm: Vm; hostUp: boolean }) {
  const { vm } = props;
  const client = useClient();
  const writePlan = usePlanWriter();
  const openReview = useUiStore((s) => s.openReview);
  const { data: fleet } = useFleet();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(`${vm.name}-clone`);
  const propose = useMutation({
    mutationFn: (request: CloneVmRequest) => client.call('vms:plan-clone', request),
    onSuccess: (plan) => {
      writePlan(plan);
      setOpen(false);
      openReview(plan.id);
    },
  });
  const shutOff = vm.state === 'shutoff' || vm.state === 'crashed';
  if (!open) {
    return (
      <Button
        size="small"
        disabled={!props.hostUp || !shutOff}
        title={shutOff ? undefined : 'Only a shut-off VM is cloned: shut it down first'}
        onClick={() => setOpen(true)}
        data-testid="clone-vm"
      >
        Clone…
      </Button>
    );
  }
  const problem =
    vmNameProblem(name) ??
    (fleet?.vms.some((v) => v.hostId === vm.hostId && v.name === name)
      ? `This host already has a VM named “${name}”`
      : undefined);
  return (
    <form
      className="clone-form"
      data-testid="clone-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (problem === undefined) propose.mutate({ hostId: vm.hostId, vmId: vm.id, name });
      }}
    >
      <Field
        label={`Name of the copy of ${vm.name}`}
        testId="clone-name"
        value={name}
        autoFocus
        onChange={(e) => setName(e.target.value)}
        error={problem}
      />
      <Button
        type="submit"
        size="small"
        variant="primary"
        disabled={problem !== undefined}
        busy={propose.isPending}
        data-testid="clone-review"
      >
        Review…
      </Button>
      <Button size="small" onClick={() => setOpen(false)}>
        Cancel
      </Button>
      {propose.error && (
        <ErrorNotice
          title={`Couldn't plan the clone of ${vm.name}`}
          error={AppError.from(propose.error)}
          testId="clone-error"
        />
      )}
    </form>
  );
}
