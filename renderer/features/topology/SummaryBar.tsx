import { Fragment } from 'react';
import { useUiStore } from '../../app/ui-store';
import { useFleet } from '../../api/queries';
import { plural } from '../../../shared/words';
import { summarize } from './fleet-view';
import { HOST_STATE_ORDER, hostStateView } from './state-view';

/** Hosts by state and VMs running/total; the problems count doubles as the "problems only" filter. */
export function SummaryBar() {
  const { data: summary } = useFleet(summarize);
  const filter = useUiStore((s) => s.filter);
  const setFilter = useUiStore((s) => s.setFilter);
  if (!summary) return null;
  return (
    <div className="summary-bar" data-testid="summary-bar" aria-label="Fleet summary">
      <ul className="summary-states">
        <li className="summary-total">{plural(summary.hostCount, 'host')}</li>
        {HOST_STATE_ORDER.map((state) => {
          const view = hostStateView(state);
          const count = summary.hostsByState[state];
          return (
            <Fragment key={state}>
              {/* Beside "verify host key": both are questions for the admin, not failures. */}
              {state === 'host-key-unknown' && summary.needPassphrase > 0 && (
                <li className="summary-chip state-text-warning" data-state="needs-passphrase">
                  <span className="dot" aria-hidden="true" />
                  {summary.needPassphrase} {summary.needPassphrase === 1 ? 'needs' : 'need'} a
                  passphrase
                </li>
              )}
              {count ? (
                <li className={`summary-chip state-text-${view.tone}`} data-state={state}>
                  <span className="dot" aria-hidden="true" />
                  {count} {view.label.toLowerCase()}
                </li>
              ) : null}
            </Fragment>
          );
        })}
      </ul>
      <span className="summary-vms" data-testid="summary-vms">
        VMs <strong>{summary.vmsRunning}</strong> running
        {summary.vmsUnknown > 0 && (
          <span title="On hosts the console does not reach now: their state is not known">
            {' '}
            · {summary.vmsUnknown} unknown
          </span>
        )}{' '}
        / {summary.vmCount} total
      </span>
      {summary.troubleCount > 0 || filter === 'problems' ? (
        <button
          type="button"
          className={`summary-filter${filter === 'problems' ? ' is-on' : ''}`}
          aria-pressed={filter === 'problems'}
          onClick={() => setFilter(filter === 'problems' ? 'all' : 'problems')}
        >
          {filter === 'problems'
            ? 'Show all hosts'
            : `Show ${plural(summary.troubleCount, 'problem')} only`}
        </button>
      ) : null}
    </div>
  );
}
