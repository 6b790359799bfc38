import type { VmId } from '../../../shared/domain/ids';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { useDragStore } from './drag-store';

/** "Move to…" in a VM's details: moves the multi-selection when the VM is in it. */
export function MoveToButton(props: { vmId: VmId }) {
  const openMoveTo = useDragStore((s) => s.openMoveTo);
  const picked = useUiStore((s) => s.vmSelection);
  const vmIds = picked.includes(props.vmId) ? picked : [props.vmId];
  return (
    <Button
      size="small"
      onClick={() => openMoveTo(vmIds)}
      title="Move to another host (shortcut: m)"
      data-testid="move-to-button"
    >
      {vmIds.length > 1 ? `Move ${vmIds.length} VMs to…` : 'Move to…'}
    </Button>
  );
}
