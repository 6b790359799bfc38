import { useEffect } from 'react';
import { useDragStore } from './drag-store';
import { vmsToMove } from './vms-to-move';

/** True when a key press belongs to what has focus (typing), not to the console's shortcuts. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.closest('input, textarea, select, [contenteditable="true"]') !== null
  );
}

/** `m` opens "Move to…" for the selected VMs; Ctrl/⌘+Z undoes the last move. */
export function useMoveShortcuts(undo: () => Promise<void>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || typing(event.target)) return;
      // A dialog is open: its keys are its own.
      if (document.querySelector('[aria-modal="true"]')) return;
      const mod = event.ctrlKey || event.metaKey;
      if (event.key.toLowerCase() === 'z' && mod && !event.shiftKey && !event.altKey) {
        event.preventDefault();
        void undo();
        return;
      }
      if (event.key === 'm' && !mod && !event.altKey) {
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
