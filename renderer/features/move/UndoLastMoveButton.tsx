import { Button } from '../../ui/Button';
import { useUndoLastMove } from './undo-last-move';

/** The top bar's "Undo last move" (also Ctrl+Z outside text fields). */
export function UndoLastMoveButton() {
  const { last, undo } = useUndoLastMove();
  return (
    <Button
      variant="chrome"
      onClick={() => void undo()}
      disabled={!last}
      title={last ? `Undo: ${last.title} (Ctrl+Z)` : 'No finished move to undo'}
      data-testid="undo-last-move"
    >
      Undo last move
    </Button>
  );
}
