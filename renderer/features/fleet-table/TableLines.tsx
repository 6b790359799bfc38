import { memo, type MouseEvent } from 'react';
import { formatMemory, plural } from '../../../shared/words';
import { useHostVerdict } from '../move/drag-store';
import { verdictLine } from '../move/verdict-words';
import type { HostVerdict } from '../move/verdicts';
import type { Column } from './column';
import type { Group, GroupTotals } from './table-view';

interface RowProps<R> {
  domId: string;
  row: R;
  columns: readonly Column<R>[];
  top: number;
  testId: string;
  selected: boolean;
  active: boolean;
  dropHost: string | undefined;
  dragVm: string | undefined;
  onClick: (event: MouseEvent, row: R) => void;
}

interface GroupProps<R> {
  domId: string;
  group: Group<R>;
  open: boolean;
  top: number;
  active: boolean;
  dropHost: string | undefined;
  cpuUnit: string;
  onToggle: () => void;
  /** Picks the group's rows (VM tables: a label group's VMs, for the power actions). */
  onPick: (() => void) | undefined;
}

// memo() forgets a component's type parameter: each is cast back to its generic signature.

/**
 * One row. A row that stands for a host takes dropped VMs as a host card does: the drag's
 * verdict colours it (data-verdict) and says why in words over its cells, from the same store.
 */
export const TableRow = memo(function TableRow<R>(props: RowProps<R>) {
  const { row, columns, dropHost } = props;
  const verdict = useHostVerdict(dropHost ?? '', dropHost !== undefined);
  return (
    <div
      id={props.domId}
      role="row"
      aria-selected={props.selected}
      className={`table-row${props.selected ? ' is-selected' : ''}${props.active ? ' is-active' : ''}`}
      style={{ transform: `translateY(${props.top}px)` }}
      data-testid={props.testId}
      data-host-id={dropHost}
      data-vm-id={props.dragVm}
      data-verdict={verdict?.kind}
      onClick={(event) => props.onClick(event, row)}
    >
      {columns.map((column) => (
        <div
          key={column.id}
          role="gridcell"
          className={`table-cell${column.numeric ? ' is-numeric' : ''}`}
        >
          {column.cell(row)}
        </div>
      ))}
      {verdict && <VerdictOverlay verdict={verdict} />}
    </div>
  );
}) as <R>(props: RowProps<R>) => React.ReactElement;

/** The verdict's words on a row being dragged over: refusals and soft rules, not a plain fit. */
function VerdictOverlay(props: { verdict: HostVerdict }) {
  const { verdict } = props;
  if (verdict.kind === 'fits') return null;
  return (
    <p
      className={`table-verdict verdict-line-${verdict.kind}`}
      data-testid="verdict-reason"
      title={[...verdict.reasons, verdict.fix ?? ''].join('\n').trim()}
    >
      {verdictLine(verdict)}
    </p>
  );
}

/** A group's header: fold button, title, and its totals; a host's group takes dropped VMs. */
export const GroupLine = memo(function GroupLine<R>(props: GroupProps<R>) {
  const { group, dropHost } = props;
  const verdict = useHostVerdict(dropHost ?? '', dropHost !== undefined);
  return (
    <div
      id={props.domId}
      role="row"
      aria-expanded={props.open}
      className={`table-group${props.active ? ' is-active' : ''}${group.totals.trouble > 0 ? ' has-trouble' : ''}`}
      style={{ transform: `translateY(${props.top}px)` }}
      data-testid={dropHost === undefined ? 'table-group' : 'host-row'}
      data-group={group.value}
      data-host-id={dropHost}
      data-verdict={verdict?.kind}
    >
      <div role="gridcell" className="table-group-cell">
        <button
          type="button"
          className="table-group-toggle"
          tabIndex={-1}
          aria-label={`${props.open ? 'Fold' : 'Open'} ${group.title}`}
          onClick={props.onToggle}
        >
          {props.open ? '▾' : '▸'}
        </button>
        <span className="table-group-title">{group.title}</span>
        <span className="table-group-totals" data-testid="group-totals">
          {totalsWords(group.totals, props.cpuUnit)}
        </span>
        {props.onPick && group.rows.length > 0 && (
          <button
            type="button"
            className="link-button table-group-pick"
            tabIndex={-1}
            onClick={props.onPick}
            data-testid="group-pick"
          >
            Select {plural(group.rows.length, 'VM')}
          </button>
        )}
      </div>
      {verdict && <VerdictOverlay verdict={verdict} />}
    </div>
  );
}) as <R>(props: GroupProps<R>) => React.ReactElement;

const share = (used: number, capacity: number) =>
  capacity > 0 ? ` (${Math.round((used / capacity) * 100)} %)` : '';

/** "50 hosts · 3 in trouble · 500 VMs · CPU 120 of 800 cores (15 %) · memory 1.2 TiB of 3.1 TiB (39 %)". */
export function totalsWords(t: GroupTotals, cpuUnit: string): string {
  const cpu = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(1));
  const parts = [plural(t.hosts, 'host')];
  if (t.trouble > 0) parts.push(`${t.trouble} in trouble`);
  parts.push(plural(t.vms, 'VM'));
  parts.push(
    t.cpuMeasured === 0
      ? `CPU ? of ${cpu(t.cpuCapacity)} ${cpuUnit}`
      : `CPU ${cpu(t.cpuUsed)} of ${cpu(t.cpuCapacity)} ${cpuUnit}${share(t.cpuUsed, t.cpuCapacity)}`,
  );
  parts.push(
    t.memMeasured === 0
      ? `memory ? of ${formatMemory(t.memCapacityMiB)}`
      : `memory ${formatMemory(t.memUsedMiB)} of ${formatMemory(t.memCapacityMiB)}${share(t.memUsedMiB, t.memCapacityMiB)}`,
  );
  return parts.join(' · ');
}
