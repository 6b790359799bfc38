import { useMemo, useState } from 'react';
import { useRecentLog } from '../../api/queries';
import { useLoadedLater } from '../../api/use-loaded-later';
import { useUiStore } from '../../app/ui-store';
import { filterLog, groupBursts } from '../../../shared/log/log-view';
import { plural } from '../../../shared/words';
import { useNamer } from '../plans/use-host-names';
import { useLogFilter } from './log-filter-store';
import { LogFilters } from './LogFilters';
import { LogRowView } from './LogRows';

/** Rows drawn at once; older ones on request, so the list stays small whatever the fleet says. */
const ROWS_PAGE = 200;

/**
 * The event log: VM and host changes, plans, alerts and background failures, newest first, with
 * bursts of similar lines shown once. A line names its host as the fleet names it now, or, for a
 * host since removed, as it was named when the line was written.
 */
export function EventLog() {
  const open = useUiStore((s) => s.logOpen);
  const setOpen = useUiStore((s) => s.setLogOpen);
  const log = useRecentLog();
  const names = useNamer();
  const filter = useLogFilter((s) => s.filter);
  const [pages, setPages] = useState(1);
  const loaded = useLoadedLater(log.data);
  const entries = useMemo(() => loaded ?? [], [loaded]);
  const shown = useMemo(() => filterLog(entries, filter), [entries, filter]);
  const rows = useMemo(() => groupBursts(shown), [shown]);
  const problems = entries.filter((e) => e.level !== 'info').length;
  const drawn = rows.slice(0, pages * ROWS_PAGE);
  return (
    <section
      className={`event-log${open ? ' is-open' : ''}`}
      aria-label="Event log"
      data-testid="event-log"
    >
      <header className="event-log-header">
        <button
          type="button"
          className="event-log-toggle"
          aria-expanded={open}
          aria-controls="event-log-list"
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> Event log
        </button>
        <span className="muted small">
          {entries.length} recent
          {problems > 0 ? ` · ${plural(problems, 'warning or error', 'warnings or errors')}` : ''}
          {shown.length !== entries.length ? ` · ${shown.length} shown` : ''}
        </span>
        {open && <LogFilters entries={entries} shown={shown} names={names} />}
      </header>
      {open && (
        <ol id="event-log-list" className="event-log-list">
          {log.isPending && <li className="muted">Loading…</li>}
          {log.error && (
            <li className="log-error">Couldn&rsquo;t load the event log: {log.error.message}</li>
          )}
          {drawn.map((row) => (
            <LogRowView
              key={row.type === 'line' ? row.entry.seq : row.key}
              row={row}
              names={names}
            />
          ))}
          {rows.length > drawn.length && (
            <li className="muted">
              <button type="button" className="link-button" onClick={() => setPages(pages + 1)}>
                Show {Math.min(ROWS_PAGE, rows.length - drawn.length)} older of{' '}
                {rows.length - drawn.length}
              </button>
            </li>
          )}
          {log.data?.length === 0 && <li className="muted">Nothing yet.</li>}
          {log.data !== undefined && log.data.length > 0 && shown.length === 0 && (
            <li className="muted">No line matches the filters.</li>
          )}
        </ol>
      )}
    </section>
  );
}
