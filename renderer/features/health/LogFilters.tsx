import { useMemo } from 'react';
import type { LogEntry } from '../../../shared/domain';
import type { LogFilter } from '../../../shared/log/log-view';
import { logToCsv, logToJson } from '../../../shared/log/log-export';
import type { Namer } from '../../../shared/words/namer';
import { downloadText } from '../../ui/download';
import { useLogFilter } from './log-filter-store';

const EXPORTS = [
  { label: 'Export CSV', type: 'text/csv', write: logToCsv, ext: 'csv' },
  { label: 'Export JSON', type: 'application/json', write: logToJson, ext: 'json' },
] as const;

/** Choices for a filter: the hosts, VMs and services the lines name, by name. */
function choices(
  entries: readonly LogEntry[],
  pick: (e: LogEntry) => [value: string, label: string] | undefined,
): [string, string][] {
  const seen = new Map<string, string>();
  for (const e of entries) {
    const choice = pick(e);
    if (choice && !seen.has(choice[0])) seen.set(choice[0], choice[1]);
  }
  return [...seen].sort((a, b) => a[1].localeCompare(b[1]));
}

/** Severity, host, VM, service, text; and export of what the filters show (all, with none set). */
export function LogFilters(props: {
  entries: readonly LogEntry[];
  shown: readonly LogEntry[];
  names: Namer;
}) {
  const { entries, shown, names } = props;
  const { filter, setFilter, clear } = useLogFilter();
  const hosts = useMemo(
    () =>
      choices(entries, (e) =>
        e.hostId === undefined ? undefined : [e.hostId, hostLabel(e, names)],
      ),
    [entries, names],
  );
  const vms = useMemo(
    () => choices(entries, (e) => (e.vmName === undefined ? undefined : [e.vmName, e.vmName])),
    [entries],
  );
  const services = useMemo(
    () =>
      choices(entries, (e) =>
        e.serviceId === undefined ? undefined : [e.serviceId, names.service(e.serviceId)],
      ),
    [entries, names],
  );
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
  const active = Object.entries(filter).some(([k, v]) =>
    k === 'severity' ? v !== 'all' : v !== '',
  );
  return (
    <div className="event-log-filters" role="search" aria-label="Filter the event log">
      <select
        aria-label="Severity"
        value={filter.severity}
        onChange={(e) => setFilter({ severity: e.target.value as LogFilter['severity'] })}
      >
        <option value="all">All levels</option>
        <option value="problems">Warnings and errors</option>
        <option value="errors">Errors</option>
      </select>
      <Choice
        label="Host"
        any="All hosts"
        value={filter.hostId}
        options={hosts}
        set={(hostId) => setFilter({ hostId })}
      />
      <Choice
        label="VM"
        any="All VMs"
        value={filter.vmName}
        options={vms}
        set={(vmName) => setFilter({ vmName })}
      />
      <Choice
        label="Service"
        any="All services"
        value={filter.serviceId}
        options={services}
        set={(serviceId) => setFilter({ serviceId })}
      />
      <input
        type="text"
        aria-label="Search the event log"
        placeholder="Search…"
        value={filter.text}
        onChange={(e) => setFilter({ text: e.target.value })}
      />
      {active && (
        <button type="button" className="link-button" onClick={clear}>
          Clear filters
        </button>
      )}
      <span className="event-log-export">
        {EXPORTS.map(({ label, type, write, ext }) => (
          <button
            key={ext}
            type="button"
            title={active ? 'The lines the filters show' : 'Every line the window holds'}
            onClick={() => downloadText(`federator-log-${stamp}.${ext}`, write(shown), type)}
          >
            {label}
          </button>
        ))}
      </span>
    </div>
  );
}

function Choice(props: {
  label: string;
  any: string;
  value: string;
  options: [string, string][];
  set: (value: string) => void;
}) {
  return (
    <select
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.set(e.target.value)}
    >
      <option value="">{props.any}</option>
      {props.options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
}

/** The fleet's name for the host now; a host it no longer has, as the line named it (else its id). */
export function hostLabel(entry: LogEntry, names: Namer): string {
  if (entry.hostId === undefined) return '';
  const now = names.host(entry.hostId);
  return now !== entry.hostId ? now : (entry.hostName ?? entry.hostId);
}
