import { memo, useState } from 'react';
import type { LogEntry } from '../../../shared/domain';
import type { LogRow } from '../../../shared/log/log-view';
import { burstWords } from '../../../shared/words/burst-words';
import { formatClock } from '../../../shared/words';
import type { Namer } from '../../../shared/words/namer';
import { hostLabel } from './LogFilters';

const LEVEL_WORD: Record<LogEntry['level'], string> = {
  info: 'Info',
  warning: 'Warning',
  error: 'Error',
};

/** A burst's members shown at once when it is opened; more on request, never all 1,000 at once. */
const MEMBERS_PAGE = 100;

export function LogRowView(props: { row: LogRow; names: Namer }) {
  const { row, names } = props;
  return row.type === 'line' ? (
    <LogLine entry={row.entry} hostName={hostLabel(row.entry, names)} />
  ) : (
    <BurstRow members={row.members} names={names} />
  );
}

const LogLine = memo(function LogLine(props: { entry: LogEntry; hostName: string }) {
  const { entry, hostName } = props;
  return (
    <li className={`log-line log-${entry.level}`} data-testid="log-entry" data-level={entry.level}>
      <time dateTime={new Date(entry.at).toISOString()}>{formatClock(entry.at)}</time>
      <span className="log-level">{LEVEL_WORD[entry.level]}</span>
      <span className="log-host" title={hostName}>
        {hostName}
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

/** Many similar lines as one: "1,000 hosts connected", opened to its members, a page at a time. */
function BurstRow(props: { members: LogEntry[]; names: Namer }) {
  const { members, names } = props;
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(MEMBERS_PAGE);
  const first = members[0];
  if (first === undefined) return null;
  const last = members.at(-1) ?? first;
  return (
    <li className={`log-burst log-${first.level}`} data-testid="log-burst" data-level={first.level}>
      <div className="log-line">
        <time dateTime={new Date(first.at).toISOString()}>{formatClock(first.at)}</time>
        <span className="log-level">{LEVEL_WORD[first.level]}</span>
        <span className="log-host muted">
          {formatClock(first.at) === formatClock(last.at) ? '' : `since ${formatClock(last.at)}`}
        </span>
        <button
          type="button"
          className="log-burst-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {burstWords(first, members.length)}
        </button>
      </div>
      {open && (
        <ol className="log-burst-members">
          {members.slice(0, shown).map((entry) => (
            <LogLine key={entry.seq} entry={entry} hostName={hostLabel(entry, names)} />
          ))}
          {members.length > shown && (
            <li>
              <button
                type="button"
                className="link-button"
                onClick={() => setShown(shown + MEMBERS_PAGE)}
              >
                Show {Math.min(MEMBERS_PAGE, members.length - shown)} more of{' '}
                {members.length - shown}
              </button>
            </li>
          )}
        </ol>
      )}
    </li>
  );
}
