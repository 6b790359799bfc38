import { memo } from 'react';
import type { Vm } from '../../../shared/domain';
import { useUiStore } from '../../app/ui-store';
import { useDragStore } from '../move/drag-store';
import { MigrationProgress } from '../move/MigrationProgress';
import { ServiceMark, useServiceHighlight } from '../services/ServiceMark';
import { formatMemory, VM_STATE_WORDS } from '../../../shared/words';
import { lastSeenWords } from '../../../shared/words/vm-seen-words';
import type { VmUsage } from '../../../shared/domain/metrics';
import { isActive } from '../../../shared/domain/vm';
import { SlimMeter } from './Meter';
import { vmStateView } from './state-view';

/** One VM inside its host's virtual layer. Its name is data from the host: text only, ellipsized. */
export const VmCard = memo(function VmCard(props: {
  vm: Vm;
  selected: boolean;
  /** Its latest utilisation (none before the first sample, or while it is off). */
  usage?: VmUsage | undefined;
  /**
   * Set while its host is not connected: its state is not known, only what it was last seen
   * doing and when (the host's last exchange), so it is never drawn as a green Running card.
   */
  unknownSince?: { lastSeen: number | undefined } | undefined;
}) {
  const { vm, selected, usage, unknownSince } = props;
  const select = useUiStore((s) => s.select);
  const toggleVmSelection = useUiStore((s) => s.toggleVmSelection);
  const clearVmSelection = useUiStore((s) => s.clearVmSelection);
  const picked = useUiStore((s) => s.vmSelection.includes(vm.id));
  const carried = useDragStore((s) => s.drag?.carried.has(vm.id) === true);
  const known = unknownSince === undefined;
  const view = vmStateView(known ? vm.state : 'unknown');
  const lastSeen = known ? undefined : lastSeenWords(vm.state, unknownSince.lastSeen);
  // A VM of a service carries the service's coloured mark instead of a bare id tag.
  const tag = vm.service ? undefined : vm.application;
  const highlighted = useServiceHighlight(vm.service);
  return (
    <li className="vm-item">
      <button
        type="button"
        className={`vm-card vm-tone-${view.tone}${selected ? ' is-selected' : ''}${highlighted ? ' is-service-highlighted' : ''}${picked ? ' is-picked' : ''}${carried ? ' is-carried' : ''}`}
        data-testid="vm-card"
        data-vm-id={vm.id}
        data-vm-name={vm.name}
        data-state={known ? vm.state : 'unknown'}
        data-last-state={known ? undefined : vm.state}
        data-service-id={vm.service}
        data-highlighted={highlighted ? 'true' : undefined}
        data-picked={picked ? 'true' : undefined}
        aria-current={selected ? 'true' : undefined}
        aria-pressed={picked ? 'true' : undefined}
        title={`${vm.name} — ${view.label}${lastSeen ? ` — ${lastSeen}` : vm.stateReason ? ` (${vm.stateReason})` : ''}`}
        onClick={(event) => {
          // Ctrl/⌘- or Shift-click picks several VMs to move together; a plain click picks one.
          if (event.ctrlKey || event.metaKey || event.shiftKey) toggleVmSelection(vm.id);
          else clearVmSelection();
          select({ kind: 'vm', hostId: vm.hostId, vmId: vm.id });
        }}
      >
        <span className="vm-name">{vm.name}</span>
        <span className={`vm-state state-text-${view.tone}`}>
          <span className="dot" aria-hidden="true" />
          {known ? view.label : `${VM_STATE_WORDS.unknown.label} — ${lastSeen ?? ''}`}
        </span>
        <span className="vm-meta">
          <span className="vm-size">
            {vm.vcpus} vCPU · {formatMemory(vm.memoryMiB)}
          </span>
          {vm.service && (
            <ServiceMark serviceId={vm.service} running={known && vm.state === 'running'} />
          )}
          {tag && (
            <span className="vm-tag" title={tag}>
              {tag}
            </span>
          )}
        </span>
        {known && isActive(vm.state) && <VmUsageMeters vm={vm} usage={usage} />}
      </button>
      <MigrationProgress vmId={vm.id} />
    </li>
  );
});

/** CPU (of its own vCPUs) and memory in use (of what it was given), from the latest sample. */
function VmUsageMeters(props: { vm: Vm; usage: VmUsage | undefined }) {
  const { vm, usage } = props;
  return (
    <span className="vm-usage" data-testid="vm-usage">
      <SlimMeter
        label="CPU"
        fraction={usage?.cpu === undefined ? undefined : usage.cpu / 100}
        text={usage?.cpu === undefined ? '…' : `${usage.cpu.toFixed(0)} %`}
        title={`CPU used of its ${vm.vcpus} vCPU${vm.vcpus === 1 ? '' : 's'}`}
      />
      <SlimMeter
        label="Mem"
        fraction={
          usage?.memory === undefined || vm.memoryMiB <= 0 ? undefined : usage.memory / vm.memoryMiB
        }
        text={usage?.memory === undefined ? '…' : formatMemory(usage.memory)}
        title={`Memory the guest uses, of the ${formatMemory(vm.memoryMiB)} it was given`}
      />
    </span>
  );
}
