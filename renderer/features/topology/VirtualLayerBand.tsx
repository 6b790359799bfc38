import { memo, useMemo, useState, type ReactNode } from 'react';
import { useHostSample } from '../../api/metrics-queries';
import type { Host, Vm } from '../../../shared/domain';
import { vmStateKnown } from '../../../shared/domain/vm-seen';
import { VmCard } from './VmCard';

/** Past this many VMs a host card folds the rest behind a button, so one big host can't flood the grid. */
const FOLD_AT = 48;

/**
 * The second software layer: the hypervisor line, then the VMs it runs. Memoized: its host card
 * re-renders when a drag starts and ends (the verdict), and its VMs have not changed then.
 */
export const VirtualLayerBand = memo(function VirtualLayerBand(props: {
  host: Host;
  vms: readonly Vm[];
  selectedVmId: string | null;
}) {
  const { host, vms, selectedVmId } = props;
  const [expanded, setExpanded] = useState(false);
  const sample = useHostSample(host.config.id);
  const usage = useMemo(() => new Map(sample?.vms.map((vm) => [vm.vmId, vm])), [sample]);
  const layer = host.facts?.value.virtualLayer;
  const problem = layer && layer.status !== 'ok';
  const shown = expanded ? vms : vms.slice(0, FOLD_AT);
  const unknownSince = useMemo(
    () => (vmStateKnown(host.state) ? undefined : { lastSeen: host.lastSeen }),
    [host.state, host.lastSeen],
  );
  let content: ReactNode;
  if (vms.length === 0) content = <p className="vm-empty">No VMs</p>;
  else
    content = (
      <ul className="vm-grid" aria-label={`VMs on ${host.config.name}`}>
        {shown.map((vm) => (
          <VmCard
            key={vm.id}
            vm={vm}
            selected={vm.id === selectedVmId}
            usage={usage.get(vm.id)}
            unknownSince={unknownSince}
          />
        ))}
      </ul>
    );
  return (
    <section className={`virtual-layer${problem ? ' has-problem' : ''}`} aria-label="Virtual layer">
      <p className="vl-line" title={hypervisorLine(host)}>
        {hypervisorLine(host)}
      </p>
      {content}
      {vms.length > FOLD_AT && (
        <button
          type="button"
          className="link-button vm-fold"
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Show fewer' : `Show all ${vms.length} VMs`}
        </button>
      )}
    </section>
  );
});

/** "QEMU 7.2.0 · libvirt 9.0.0 · qemu:///session", or what is wrong with libvirt, in its words. */
export function hypervisorLine(host: Host): string {
  const layer = host.facts?.value.virtualLayer;
  if (!layer) return `Hypervisor not inspected yet · ${host.config.uri}`;
  if (layer.status !== 'ok') {
    return (
      layer.problem ??
      (layer.status === 'missing' ? 'libvirt is not installed' : 'libvirt is not answering')
    );
  }
  const parts = [
    hypervisorName(layer.kind, layer.hypervisorVersion),
    layer.libvirtVersion ? `libvirt ${layer.libvirtVersion}` : undefined,
    layer.uri,
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * virsh says "QEMU 7.2.0"; the kind (kvm/qemu) is added only when it says something more, such as
 * hardware acceleration: "QEMU 9.2.0 (KVM)".
 */
function hypervisorName(kind: string | undefined, version: string | undefined): string {
  const kindName = kind?.toUpperCase();
  if (!version) return kindName ?? 'Hypervisor';
  const named = /^[A-Za-z]/.test(version) ? version : `${kindName ?? 'Hypervisor'} ${version}`;
  return kindName && !named.toUpperCase().includes(kindName) ? `${named} (${kindName})` : named;
}
