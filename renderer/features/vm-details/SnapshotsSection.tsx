import { useState } from 'react';
import type { Vm } from '../../../shared/domain';
import { isActive } from '../../../shared/domain/vm';
import { SnapshotName, snapshotTree, type SnapshotRow } from '../../../shared/domain/snapshot';
import { AppError } from '../../../shared/errors';
import { snapshotKindWords, takenWords } from '../../../shared/words/snapshot-words';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useProposeSnapshot, useSnapshots } from './use-snapshots';

/**
 * The VM's snapshots as a tree (each under the one it was taken on), the current one marked, and
 * Take / Revert / Delete: each proposes a plan whose review says what will happen, approved there.
 */
export function SnapshotsSection(props: { vm: Vm; hostName: string; hostConnected: boolean }) {
  const { vm, hostName, hostConnected } = props;
  const list = useSnapshots(vm, hostConnected);
  const propose = useProposeSnapshot();
  const [taking, setTaking] = useState(false);
  if (!hostConnected) return null;
  const rows = list.data ? snapshotTree(list.data.snapshots) : [];
  return (
    <section className="snapshots" data-testid="vm-snapshots" aria-label="Snapshots">
      <div className="snapshots-head">
        <h3>Snapshots</h3>
        <Button size="small" onClick={() => setTaking(true)} data-testid="snapshot-take">
          Take snapshot…
        </Button>
      </div>
      {list.isPending && <p className="muted small">Reading the snapshots from {hostName}…</p>}
      {list.error && (
        <ErrorNotice
          title={`Couldn't read the snapshots of VM ${vm.name} on host ${hostName}`}
          error={AppError.from(list.error)}
          testId="snapshots-error"
        />
      )}
      {list.data && rows.length === 0 && <p className="muted small">No snapshot.</p>}
      {rows.length > 0 && (
        <ul className="snapshot-tree" data-testid="snapshot-tree">
          {rows.map((row) => (
            <SnapshotLine
              key={row.snapshot.name}
              row={row}
              busy={propose.isPending}
              onRevert={() =>
                propose.mutate({
                  action: 'revert',
                  hostId: vm.hostId,
                  vmId: vm.id,
                  name: row.snapshot.name,
                })
              }
              onDelete={(children) =>
                propose.mutate({
                  action: 'delete',
                  hostId: vm.hostId,
                  vmId: vm.id,
                  name: row.snapshot.name,
                  children,
                })
              }
              hasChildren={rows.some((r) => r.snapshot.parent === row.snapshot.name)}
            />
          ))}
        </ul>
      )}
      {list.data?.truncated && (
        <p className="muted small">Only the first {rows.length} snapshots are shown.</p>
      )}
      {taking && (
        <TakeForm
          vm={vm}
          busy={propose.isPending}
          onCancel={() => setTaking(false)}
          onTake={(name, description, memory) =>
            propose.mutate(
              { action: 'create', hostId: vm.hostId, vmId: vm.id, name, description, memory },
              { onSuccess: () => setTaking(false) },
            )
          }
        />
      )}
      {propose.error && (
        <ErrorNotice
          title={`Couldn't plan the snapshot of VM ${vm.name}`}
          error={AppError.from(propose.error)}
          testId="snapshot-plan-error"
        />
      )}
    </section>
  );
}

function SnapshotLine(props: {
  row: SnapshotRow;
  busy: boolean;
  hasChildren: boolean;
  onRevert: () => void;
  onDelete: (children: boolean) => void;
}) {
  const { snapshot, depth } = props.row;
  return (
    <li
      data-testid="snapshot"
      data-name={snapshot.name}
      data-depth={depth}
      style={{ marginLeft: depth * 18 }}
      className={snapshot.current ? 'current' : undefined}
    >
      <div>
        <strong>
          {depth > 0 ? '└ ' : ''}
          {snapshot.name}
        </strong>
        {snapshot.current && (
          <span className="snapshot-current" data-testid="snapshot-current">
            {' '}
            current
          </span>
        )}{' '}
        <span className="muted small">
          {[
            snapshot.createdAt === undefined ? undefined : takenWords(snapshot.createdAt),
            snapshotKindWords(snapshot),
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </div>
      {snapshot.description && <div className="small muted">{snapshot.description}</div>}
      <div className="button-row">
        <Button
          size="small"
          disabled={props.busy}
          onClick={props.onRevert}
          data-testid="snapshot-revert"
        >
          Revert…
        </Button>
        <Button
          size="small"
          variant="danger"
          disabled={props.busy}
          onClick={() => props.onDelete(false)}
          data-testid="snapshot-delete"
        >
          Delete…
        </Button>
        {props.hasChildren && (
          <Button
            size="small"
            variant="danger"
            disabled={props.busy}
            onClick={() => props.onDelete(true)}
            data-testid="snapshot-delete-children"
          >
            Delete with children…
          </Button>
        )}
      </div>
    </li>
  );
}

function TakeForm(props: {
  vm: Vm;
  busy: boolean;
  onCancel: () => void;
  onTake: (name: string, description: string, memory: boolean) => void;
}) {
  const running = isActive(props.vm.state);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [memory, setMemory] = useState(true);
  const checked = SnapshotName.safeParse(name);
  const problem = name === '' || checked.success ? undefined : checked.error.issues[0]?.message;
  return (
    <form
      className="snapshot-form"
      data-testid="snapshot-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (checked.success) props.onTake(name, description, running && memory);
      }}
    >
      <label>
        Name{' '}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="snapshot-name"
          autoFocus
        />
      </label>
      {problem && <span className="small snapshot-problem">{problem}</span>}
      <label>
        Description{' '}
        <input
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          data-testid="snapshot-description"
        />
      </label>
      <label className="toggle">
        <input
          type="checkbox"
          checked={running && memory}
          disabled={!running}
          onChange={(e) => setMemory(e.target.checked)}
          data-testid="snapshot-memory"
        />{' '}
        {running ? 'with memory (revert resumes it where it was)' : 'shut off: disks only'}
      </label>
      <div className="button-row">
        <Button
          type="submit"
          variant="primary"
          size="small"
          disabled={!checked.success}
          busy={props.busy}
          data-testid="snapshot-review"
        >
          Review the plan
        </Button>
        <Button size="small" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
