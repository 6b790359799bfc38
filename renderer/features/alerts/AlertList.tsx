import { useState } from 'react';
import { plural } from '../../../shared/words';
import { AppError } from '../../../shared/errors';
import { useAlertRules, useAlerts } from '../../api/alerts-queries';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useNamer } from '../plans/use-host-names';
import { AlertRow } from './AlertRow';
import { listSections, needsAttention, type AlertFilter } from './alerts-view';
import { useJumpTo } from './jump-to';
import { useNow } from './use-now';

const FILTERS: { value: AlertFilter; label: string }[] = [
  { value: 'firing', label: 'Firing' },
  { value: 'all', label: 'All, with resolved' },
];

/**
 * The alerts: firing ones first (those nobody acknowledged on top, critical before warning), then
 * with "All" the resolved history, newest first. Live: the cache follows `alerts:changed`.
 */
export function AlertList() {
  const { data: list, error, isPending } = useAlerts();
  const { data: rules } = useAlertRules();
  const [filter, setFilter] = useState<AlertFilter>('firing');
  const names = useNamer();
  const now = useNow();
  const { targetOf, jump } = useJumpTo();
  const { firing, resolved } = listSections(list, filter);
  const unacknowledged = firing.filter(needsAttention).length;
  const row = (alert: (typeof firing)[number]) => (
    <AlertRow
      key={alert.id}
      alert={alert}
      names={names}
      now={now}
      target={targetOf(alert.object)}
      onJump={jump}
    />
  );
  return (
    <div className="alert-list" data-testid="alert-list">
      <div className="alert-toolbar">
        <div className="segmented" role="radiogroup" aria-label="Show">
          {FILTERS.map(({ value, label }) => (
            <label key={value} className={filter === value ? 'is-checked' : undefined}>
              <input
                type="radio"
                name="alert-filter"
                value={value}
                checked={filter === value}
                data-testid={`alert-filter-${value}`}
                onChange={() => setFilter(value)}
              />
              {label}
            </label>
          ))}
        </div>
        <span className="muted small" data-testid="alert-summary">
          {plural(firing.length, 'alert')} firing
          {unacknowledged < firing.length ? `, ${unacknowledged} unacknowledged` : ''}
          {rules ? ` · ${plural(rules.filter((r) => r.enabled).length, 'rule')} on` : ''}
        </span>
      </div>
      {error && <ErrorNotice title="Couldn't read the alerts" error={AppError.from(error)} />}
      {isPending && <p className="muted">Reading the alerts…</p>}
      {list && (
        <>
          <h3 className="alert-section">Firing</h3>
          {firing.length === 0 ? (
            <p className="muted alert-empty" data-testid="no-firing">
              No alert is firing.
            </p>
          ) : (
            <ol className="alert-rows" data-testid="firing-alerts">
              {firing.map(row)}
            </ol>
          )}
          {filter === 'all' && (
            <>
              <h3 className="alert-section">Resolved</h3>
              {resolved.length === 0 ? (
                <p className="muted alert-empty">Nothing resolved yet.</p>
              ) : (
                <ol className="alert-rows" data-testid="resolved-alerts">
                  {resolved.map(row)}
                </ol>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
