import { DragOverlay } from './DragOverlay';
import { useDragStore } from './drag-store';
import { MoveNotice } from './MoveNotice';
import { MoveToDialog } from './MoveToDialog';
import { useUndoLastMove } from './undo-last-move';
import { useMoveShortcuts } from './use-move-shortcuts';
import './move.css';

/** What moving VMs adds over the whole window: the drag layer, notices, "Move to…", shortcuts. */
export function MoveLayer() {
  const { undo } = useUndoLastMove();
  useMoveShortcuts(undo);
  const moveToOpen = useDragStore((s) => s.moveTo !== null);
  return (
    <>
      <DragOverlay />
      <MoveNotice />
      {moveToOpen && <MoveToDialog />}
    </>
  );
}
