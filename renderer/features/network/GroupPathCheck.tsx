import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HostId } from '../../../shared/domain/ids';
import type { MigrationPath } from '../../../shared/domain/migration-path';
import { AppError } from '../../../shared/errors';
import { groupCheckRunningWords, groupCheckWords } from '../../../shared/words/network-words';
import { useClient } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';

/**
 * "Check this group's migration paths": every ordered pair among the opened group's hosts is
 * probed again now (the core bounds it, GROUP_CHECK_MAX_HOSTS hosts), and the graph draws what
 * came back: broken edges with what failed, working ones counted. What was found is said beside it.
 */
export function GroupPathCheck(props: { group: string; hostIds: readonly HostId[] }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const { hostIds } = props;
  const check = useMutation({
    mutationKey: ['paths-check-group', props.group],
    mutationFn: () => client.call('paths:check-group', { hostIds: [...hostIds] }),
    // The answer is in the list at once; `paths:changed` brings the same a moment later.
    onSuccess: (found) =>
      queryClient.setQueryData<MigrationPath[]>(queryKeys.paths(), (old) =>
        merge(old, found.paths),
      ),
  });
  return (
    <div className="net-group-check" data-testid="net-group-check">
      <Button
        size="small"
        disabled={check.isPending || hostIds.length < 2}
        onClick={() => check.mutate()}
        data-testid="net-check-group"
      >
        {check.isPending
          ? groupCheckRunningWords(hostIds.length)
          : "Check this group's migration paths"}
      </Button>
      {check.data && !check.isPending && (
        <span className="net-muted" role="status" data-testid="net-group-check-result">
          {groupCheckWords(check.data, hostIds.length)}
        </span>
      )}
      {check.error && (
        <ErrorNotice
          title="Couldn't check this group's migration paths"
          error={AppError.from(check.error)}
        />
      )}
    </div>
  );
}

/** The paths list with the fresh results in place of the old ones of the same pairs. */
function merge(old: readonly MigrationPath[] | undefined, fresh: readonly MigrationPath[]) {
  const key = (p: MigrationPath) => `${p.from}\n${p.to}`;
  const byPair = new Map((old ?? []).map((p) => [key(p), p]));
  for (const path of fresh) byPair.set(key(path), path);
  return [...byPair.values()];
}
