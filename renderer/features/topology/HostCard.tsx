import { memo } from 'react';
import type { Host, Vm } from '../../../shared/domain';
import { useUiStore } from '../../app/ui-store';
import { Badge, WarningIcon } from '../../ui/Badge';
import { formatLoad, formatMemory } from './format';
import { hostStateView } from './state-view';
import { VirtualLayerBand } from './VirtualLayerBand';

/** One physical machine: its header, its OS layer, and its virtual layer holding the VMs. */
export const HostCard = memo(function HostCard(props: {
  host: Host;
  vms: readonly Vm[];
  selectedHost: boolean;
  selectedVmId: string | null;
}) {
  const { host, vms, selectedHost, selectedVmId } = props;
  const select = useUiStore((s) => s.select);
  const view = hostStateView(host.state);
  const { config } = host;
  const reason = view.trouble ? troubleReason(host) : undefined;
  return (
    <article
      className={`host-card host-tone-${view.tone}${view.trouble ? ' is-trouble' : ''}${selectedHost ? ' is-selected' : ''}`}
      data-testid="host-card"
      data-host-id={config.id}
      data-host-name={config.name}
      data-state={host.state}
      aria-label={`Host ${config.name}: ${view.label}`}
    >
      <header className="host-header">
        <button
          type="button"
          className="host-title"
          title={config.name}
          aria-current={selectedHost ? 'true' : undefined}
          onClick={() => select({ kind: 'host', hostId: config.id })}
        >
          {config.name}
        </button>
        {config.driver === 'demo' && (
          <span className="demo-tag" title="Simulated host from the demo fleet">
            DEMO
          </span>
        )}
        <Badge
          tone={view.tone}
          icon={host.state === 'host-key-changed' ? <WarningIcon /> : undefined}
        >
          {view.label}
        </Badge>
      </header>
      <p className="host-address" title={`${config.user}@${config.address}:${config.port}`}>
        {config.address}:{config.port}
      </p>
      {reason && (
        <p className="host-reason" data-testid="host-reason" title={reason}>
          <WarningIcon />
          <span>{reason}</span>
        </p>
      )}
      <p className="os-layer" title={osLine(host)}>
        {osLine(host)}
      </p>
      <VirtualLayerBand host={host} vms={vms} selectedVmId={selectedVmId} />
    </article>
  );
});

/** The first software layer in one line: OS, kernel, cores, memory, load. */
export function osLine(host: Host): string {
  const facts = host.facts?.value;
  if (!facts) return 'Not reached yet: no facts';
  return [
    facts.os.name,
    facts.os.kernel,
    `${facts.cpu.cores} cores`,
    formatMemory(facts.memoryMiB),
    `load ${formatLoad(facts.os.load)}`,
  ].join(' · ');
}

const DEFAULT_REASON: Partial<Record<Host['state'], string>> = {
  unreachable: 'The host does not answer over SSH',
  'auth-failed': 'The host refused our SSH key',
  'host-key-unknown': 'New host key: confirm its fingerprint to connect',
  'host-key-changed': 'The host key changed: connection refused',
  'hypervisor-problem': 'libvirt is missing or not answering',
};

export function troubleReason(host: Host): string {
  const layerProblem = host.facts?.value.virtualLayer.problem;
  if (host.state === 'hypervisor-problem' && layerProblem) return layerProblem;
  return host.stateDetail ?? DEFAULT_REASON[host.state] ?? host.state;
}
