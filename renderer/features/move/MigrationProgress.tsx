import { useMutation, useQuery } from '@tanstack/react-query';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { useHostNames } from '../plans/use-host-names';
import { usePlanWriter } from '../plans/use-plan-writer';
import { migrationsByVm, type Migration } from './migrating';

/**
 * The running migration of one VM, if any, selected out of the plans cache so that a progress
 * event re-renders the card of the VM that moves, not every card.
 */
function useMigration(vmId: string): Migration | null {
  const client = useClient();
  const { data } = useQuery({
    queryKey: queryKeys.plans(),
    queryFn: () => client.call('plans:list', {}),
    staleTime: Infinity,
    select: (plans) => migrationsByVm(plans).get(vmId) ?? null,
  });
  return data ?? null;
}

/** Under a VM card while it migrates: percent done, where to, and Cancel (the VM stays put). */
export function MigrationProgress(props: { vmId: string }) {
  const migration = useMigration(props.vmId);
  return migration ? <MigrationBar migration={migration} /> : null;
}

function MigrationBar(props: { migration: Migration }) {
  const { migration } = props;
  const hostName = useHostNames();
  const client = useClient();
  const writePlan = usePlanWriter();
  const cancel = useMutation({
    mutationFn: (planId: Migration['planId']) => client.call('plans:cancel', { planId }),
    onSuccess: writePlan,
  });
  const { progress } = migration;
  const percent = progress === null ? null : Math.round(progress);
  return (
    <div className="vm-migration" data-testid="vm-migration" data-progress={percent ?? undefined}>
      <span className="vm-migration-words">
        Moving to {hostName(migration.targetHostId)}
        {percent === null ? '…' : ` · ${percent} %`}
      </span>
      <progress
        className="vm-migration-bar"
        max={100}
        {...(percent === null ? {} : { value: percent })}
        aria-label="Migration progress"
      />
      <button
        type="button"
        className="link-button vm-migration-cancel"
        disabled={cancel.isPending}
        onClick={() => cancel.mutate(migration.planId)}
        data-testid="cancel-migration"
      >
        Cancel
      </button>
      {cancel.error && (
        <span className="vm-migration-error" role="alert">
          Couldn&rsquo;t cancel: {AppError.from(cancel.error).message}
        </span>
      )}
    </div>
  );
}
