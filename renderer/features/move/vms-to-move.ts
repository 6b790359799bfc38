import type { VmId } from '../../../shared/domain/ids';
import { useUiStore } from '../../app/ui-store';

/** What "Move to…" moves: the multi-selection, else the selected VM, else nothing. */
export function vmsToMove(): VmId[] {
  const { vmSelection, selection } = useUiStore.getState();
  if (vmSelection.length > 0) return [...vmSelection];
  return selection?.kind === 'vm' ? [selection.vmId] : [];
}
