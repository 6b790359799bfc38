import { useState } from 'react';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { useDragStore } from './drag-store';
import { MigrationPaths } from './MigrationPaths';
import { MOVE_SHORTCUTS } from './MoveToDialog';
import { PowerActions } from '../vm-power/PowerActions';

/**
 * Above the topology: the VMs picked for a move together (with "Move to…" and Clear), and the
 * "Show migration paths" toggle with the paths under it.
 */
export function MoveBar(props: { hostCount: number }) {
  const picked = useUiStore((s) => s.vmSelection);
  const clear = useUiStore((s) => s.clearVmSelection);
  const openMoveTo = useDragStore((s) => s.openMoveTo);
  const [paths, setPaths] = useState(false);
  return (
    <>
      <div className="move-bar" data-testid="move-bar">
        {picked.length > 0 ? (
          <span className="move-picked" data-testid="picked-count" title={MOVE_SHORTCUTS}>
            {picked.length} VM{picked.length === 1 ? '' : 's'} selected
            <Button size="small" onClick={() => openMoveTo(picked)} data-testid="move-picked">
              Move to…
            </Button>
            {/* Power actions read the same selection (ui-store vmSelection) as moves do. */}
            <PowerActions scope={{ vmIds: picked }} testId="selection-power" />
            <button type="button" className="link-button" onClick={clear}>
              Clear
            </button>
          </span>
        ) : (
          <span className="muted small move-hint" title={MOVE_SHORTCUTS}>
            Drag a VM onto a host to move it · Ctrl/⌘-click to pick several · m: Move to…
          </span>
        )}
        <span className="move-bar-spacer" />
        <button
          type="button"
          className={`btn btn-small paths-toggle${paths ? ' is-on' : ''}`}
          aria-pressed={paths}
          onClick={() => setPaths(!paths)}
          data-testid="paths-toggle"
        >
          Show migration paths
        </button>
      </div>
      {paths && <MigrationPaths hostCount={props.hostCount} />}
    </>
  );
}
