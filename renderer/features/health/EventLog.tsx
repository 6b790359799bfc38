import { memo } from 'react';
import type { LogEntry } from '../../../shared/domain';
import { useRecentLog } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { formatClock, plural } from '../../../shared/words';
import { useNamer } from '../plans/use-host-names';

const LEVEL_WORD: Record<LogEntry['level'], string> = {
  info: 'Info',
  warning: 'Warning',
  error: 'Error',
};

/**
 * The event log: background failures and state changes, newest first. A line names its host as the
 * fleet names it now, or, for a host since removed, as it was named when the line was written.
 */
export function EventLog() {
  const open = useUiStore((s) => s.logOpen);
  const setOpen = useUiStore((s) => s.setLogOpen);
  const log = useRecentLog();
  const names = useNamer();
  const entries = log.data ?? [];
  const problems = entries.filter((e) => e.level !== 'info').length;
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
        </span>
      </header>
      {open && (
        <ol id="event-log-list" className="event-log-list">
          {log.isPending && <li className="muted">Loading…</li>}
          {log.error && (
            <li className="log-error">Couldn&rsquo;t load the event log: {log.error.message}</li>
          )}
          {entries.map((entry) => (
            <LogLine
              key={entry.seq}
              entry={entry}
              hostName={entry.hostId && hostName(entry.hostId, entry.hostName, names.host)}
            />
          ))}
          {log.data?.length === 0 && <li className="muted">Nothing yet.</li>}
        </ol>
      )}
    </section>
  );
}

const LogLine = memo(function LogLine(props: { entry: LogEntry; hostName: string | undefined }) {
  const { entry, hostName } = props;
  return (
    <li className={`log-line log-${entry.level}`} data-testid="log-entry" data-level={entry.level}>
      <time dateTime={new Date(entry.at).toISOString()}>{formatClock(entry.at)}</time>
      <span className="log-level">{LEVEL_WORD[entry.level]}</span>
      <span className="log-host" title={hostName}>
        {hostName ?? ''}
      </span>
      {entry.detail ? (
        <details className="log-message">
          <summary>{entry.message}</summary>
          <pre>{entry.detail}</pre>
        </details>
      ) : (
        <span className="log-message">{entry.message}</span>
      )}
    </li>
  );
});

/** The fleet's name for the host now; a host it no longer has, as the line named it (else its id). */
function hostName(id: string, written: string | undefined, named: (id: string) => string): string {
  const now = named(id);
  return now !== id ? now : (written ?? id);
}
