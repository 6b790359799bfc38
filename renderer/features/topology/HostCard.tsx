import { memo } from 'react';
import type { Host, Vm } from '../../../shared/domain';
import { useUiStore } from '../../app/ui-store';
import { HostVerdictLine } from '../move/HostVerdictLine';
import { Badge, WarningIcon } from '../../ui/Badge';
import { formatMemory } from '../../../shared/words';
import { formatLoad } from './format';
import { hostView, troubleReason } from './state-view';
import { HostUsage } from './HostUsage';
import { VirtualLayerBand } from './VirtualLayerBand';
import { HostWitnessLine } from './HostWitnessLine';
import { RecoverButton } from '../recovery/RecoverButton';

/** One physical machine: its header, its OS layer, and its virtual layer holding the VMs. */
export const HostCard = memo(function HostCard(props: {
  host: Host;
  vms: readonly Vm[];
  selectedHost: boolean;
  selectedVmId: string | null;
}) {
  const { host, vms, selectedHost, selectedVmId } = props;
  const select = useUiStore((s) => s.select);
  const view = hostView(host);
  const { config } = host;
  const reason = view.trouble ? troubleReason(host) : undefined;
  // The virtual layer band already says what is wrong with libvirt: don't say it twice.
  const layerProblem = host.facts?.value.virtualLayer.problem;
  const showReason =
    reason !== undefined &&
    !(layerProblem && (layerProblem.includes(reason) || reason.includes(layerProblem)));
  const labelText = Object.entries(config.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return (
    <article
      className={`host-card host-tone-${view.tone}${view.trouble ? ' is-trouble' : ''}${selectedHost ? ' is-selected' : ''}`}
      data-testid="host-card"
      data-host-id={config.id}
      data-host-name={config.name}
      data-state={host.state}
      data-problem={host.problem?.code}
      data-maintenance={config.maintenance === true ? 'true' : undefined}
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
        {config.maintenance === true && (
          <span
            className="maintenance-badge"
            title="In maintenance: takes no VMs until it leaves maintenance"
            data-testid="maintenance-badge"
          >
            Maintenance
          </span>
        )}
      </header>
      <HostVerdictLine hostId={config.id}>
        <p className="host-subline">
          <span className="host-address" title={`${config.user}@${config.address}:${config.port}`}>
            {config.address}:{config.port}
          </span>
          <span className="host-labels" title={labelText}>
            {labelText}
          </span>
        </p>
      </HostVerdictLine>
      {showReason && (
        <p className="host-reason" data-testid="host-reason" title={reason}>
          <WarningIcon />
          <span>{reason}</span>
        </p>
      )}
      {host.witness && <HostWitnessLine witness={host.witness} fenced={host.fenced} />}
      <RecoverButton host={host} where="card" />
      <OsLayerLine host={host} />
      <HostUsage host={host} vms={vms} />
      <VirtualLayerBand host={host} vms={vms} selectedVmId={selectedVmId} />
    </article>
  );
});

/** The first software layer: OS and kernel on one line, then cores, memory and load. */
function OsLayerLine(props: { host: Host }) {
  const facts = props.host.facts?.value;
  if (!facts) return <p className="os-layer muted">Not reached yet: no facts</p>;
  const os = `${facts.os.name} · ${facts.os.kernel}`;
  const stats = `${facts.cpu.cores} cores · ${formatMemory(facts.memoryMiB)} · load ${formatLoad(facts.os.load)}`;
  return (
    <div className="os-layer">
      <p className="os-name" title={os}>
        {os}
      </p>
      <p className="os-stats" title={`${facts.cpu.model}; load average over 1, 5, 15 min`}>
        {stats}
      </p>
    </div>
  );
}
