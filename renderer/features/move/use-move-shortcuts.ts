import { useEffect } from 'react';
import { forTheWindow, matches } from '../../app/shortcuts';
import { useDragStore } from './drag-store';
import { vmsToMove } from './vms-to-move';

/** `m` opens "Move to…" for the selected VMs; Ctrl/⌘+Z undoes the last move. */
export function useMoveShortcuts(undo: () => Promise<void>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!forTheWindow(event)) return;
      if (matches('undoMove', event)) {
        event.preventDefault();
        void undo();
        return;
      }
      if (matches('moveTo', event)) {
        const vmIds = vmsToMove();
        if (vmIds.length === 0) return;
        event.preventDefault();
        useDragStore.getState().openMoveTo(vmIds);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);
}
