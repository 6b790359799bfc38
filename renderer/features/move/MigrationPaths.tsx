import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MigrationPath } from '../../../shared/domain/migration-path';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { useMigrationPaths } from '../../api/queries';
import { queryKeys } from '../../api/query-keys';
import { useUiStore } from '../../app/ui-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useHostNames } from '../plans/use-host-names';

/** With this many hosts or fewer, every path is listed when no host is selected. */
export const ALL_PATHS_UP_TO = 6;

const STATE_WORD: Record<MigrationPath['state'], string> = {
  ok: 'ok',
  broken: 'broken',
  unknown: 'not checked yet',
};

/**
 * Live-migration paths out of the selected host (or all of them in a small fleet): ok, broken with
 * what failed and the fix, or unknown. A broken one is also what refuses a drop during a drag.
 */
export function MigrationPaths(props: { hostCount: number }) {
  const selection = useUiStore((s) => s.selection);
  const { data: paths, error } = useMigrationPaths();
  const hostName = useHostNames();
  const client = useClient();
  const queryClient = useQueryClient();
  const from = selection?.hostId;
  const check = useMutation({
    mutationFn: () => client.call('paths:check', from === undefined ? {} : { hostId: from }),
    onSuccess: (fresh) => queryClient.setQueryData(queryKeys.paths(), fresh),
  });
  const all = from === undefined && props.hostCount <= ALL_PATHS_UP_TO;
  const shown = (paths ?? []).filter((l) => all || l.from === from);
  const title = from === undefined ? 'Migration paths' : `Migration paths from ${hostName(from)}`;
  return (
    <section className="migration-paths" aria-label={title} data-testid="migration-paths">
      <header className="migration-paths-header">
        <h2>{title}</h2>
        <button
          type="button"
          className="link-button"
          disabled={check.isPending}
          onClick={() => check.mutate()}
          data-testid="check-paths"
        >
          {check.isPending ? 'Checking…' : 'Check again'}
        </button>
      </header>
      {error && (
        <ErrorNotice title="Couldn't load the migration paths" error={AppError.from(error)} />
      )}
      {check.error && (
        <ErrorNotice
          title="Couldn't check the migration paths"
          error={AppError.from(check.error)}
        />
      )}
      {from === undefined && !all ? (
        <p className="muted small">Select a host to see the paths out of it.</p>
      ) : shown.length === 0 ? (
        <p className="muted small">No path checked yet.</p>
      ) : (
        <ul className="migration-path-list">
          {shown.map((path) => (
            <li
              key={`${path.from}→${path.to}`}
              className={`migration-path path-${path.state}`}
              data-testid="migration-path"
              data-from={path.from}
              data-to={path.to}
              data-state={path.state}
            >
              <span className="path-ends">
                {hostName(path.from)} → {hostName(path.to)}
              </span>
              <span className={`path-state state-text-${tone(path.state)}`}>
                <span className="dot" aria-hidden="true" />
                {STATE_WORD[path.state]}
              </span>
              {path.state === 'broken' && (
                <span className="path-why">
                  {path.message ?? 'the check failed'}
                  {path.fix && <span className="path-fix"> Fix: {path.fix}</span>}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function tone(state: MigrationPath['state']): 'ok' | 'danger' | 'neutral' {
  return state === 'ok' ? 'ok' : state === 'broken' ? 'danger' : 'neutral';
}
