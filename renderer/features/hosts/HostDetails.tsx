import type { Host } from '../../../shared/domain';
import { useFleet } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { Badge, WarningIcon } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { formatClock, formatMemory } from '../../../shared/words';
import { formatLoad, formatUptime } from '../topology/format';
import { hostView } from '../topology/state-view';
import { hypervisorLine } from '../topology/VirtualLayerBand';
import { ObjectCharts } from '../health/charts/ObjectCharts';
import { HostActions } from './HostActions';
import { PowerActions } from '../vm-power/PowerActions';
import { HostKeyChangedWarning } from './HostKeyChangedWarning';
import { isLost } from '../recovery/RecoverButton';
import { LostHostPowerLine } from '../recovery/LostHostAftermath';
import { HostStorage } from '../host-storage/HostStorage';

/** The type of the key whose fingerprint the details show: the trusted one, else the presented. */
function keyTypeOf(host: Host): string | undefined {
  return host.trustedFingerprint !== undefined ? host.trustedKeyType : host.presentedKeyType;
}

/** Everything known about one host: state and why, what to do, its configuration and its facts. */
export function HostDetails(props: { host: Host; vmCount: number }) {
  const { host, vmCount } = props;
  const { config } = host;
  const view = hostView(host);
  const openTrust = useUiStore((s) => s.openTrust);
  const facts = host.facts?.value;
  const labels = Object.entries(config.labels);
  const jumpId = config.jumpHostId;
  const { data: jumpName } = useFleet((f) =>
    jumpId === undefined ? undefined : f.hosts.find((h) => h.config.id === jumpId)?.config.name,
  );
  return (
    <div className="details" data-host-id={config.id}>
      <header className="details-header">
        <h2 title={config.name}>{config.name}</h2>
        <Badge
          tone={view.tone}
          icon={host.state === 'host-key-changed' ? <WarningIcon /> : undefined}
        >
          {view.label}
        </Badge>
        {config.driver === 'demo' && <span className="demo-tag">DEMO</span>}
      </header>
      {host.stateDetail && (
        <p
          className={`state-detail${view.trouble ? ' is-trouble' : ''}`}
          data-testid="state-detail"
        >
          {host.stateDetail}
        </p>
      )}
      {host.state === 'host-key-changed' && <HostKeyChangedWarning host={host} />}
      {host.state === 'host-key-unknown' && (
        <div className="notice-warning">
          <p>This host&rsquo;s key is not trusted yet.</p>
          <Button
            size="small"
            variant="primary"
            onClick={() => openTrust(config.id)}
            data-testid="verify-key-button"
          >
            Verify fingerprint…
          </Button>
        </div>
      )}
      <HostActions host={host} />
      <h3>All VMs on {host.config.name}</h3>
      {host.state === 'connected' ? (
        <PowerActions
          scope={{ hostId: host.config.id, hostName: host.config.name }}
          testId="host-power"
        />
      ) : (
        <LostHostPowerLine host={host} lost={isLost(host)} />
      )}
      <ObjectCharts
        kind="host"
        objectId={config.id}
        hostId={config.id}
        connected={host.state === 'connected'}
      />
      <h3>Connection</h3>
      <dl className="facts">
        <dt>Address</dt>
        <dd>
          {config.address}:{config.port}
        </dd>
        {jumpId !== undefined && (
          <>
            <dt>Through</dt>
            <dd data-testid="jump-host-fact">via {jumpName ?? jumpId}</dd>
          </>
        )}
        <dt>User</dt>
        <dd>{config.user}</dd>
        <dt>Key</dt>
        <dd>{config.keyPath ?? 'ssh-agent'}</dd>
        <dt>libvirt URI</dt>
        <dd>{config.uri}</dd>
        <dt>Migrations out</dt>
        <dd data-testid="migration-bandwidth-fact">
          {config.migrationBandwidthMiBs === undefined
            ? 'no bandwidth limit'
            : `up to ${config.migrationBandwidthMiBs} MiB/s`}
        </dd>
        <dt>Overcommit</dt>
        <dd data-testid="overcommit-fact">
          {config.cpuOvercommit === undefined && config.memoryOvercommit === undefined
            ? "the fleet's (Settings)"
            : `CPU ${config.cpuOvercommit ?? "the fleet's"}, memory ${config.memoryOvercommit ?? "the fleet's"} (this host)`}
        </dd>
        <dt>Host key</dt>
        <dd data-testid="host-key-fact">
          {keyTypeOf(host) && <span className="key-type">{keyTypeOf(host)} </span>}
          <code>{host.trustedFingerprint ?? host.presentedFingerprint ?? 'not seen yet'}</code>
        </dd>
        <dt>Last seen</dt>
        <dd>{host.lastSeen ? formatClock(host.lastSeen) : 'never'}</dd>
        <dt>Labels</dt>
        <dd>
          {labels.length === 0
            ? 'none'
            : labels.map(([k, v]) => (
                <span key={k} className="label-chip">
                  {k}={v}
                </span>
              ))}
        </dd>
      </dl>
      <h3>Machine</h3>
      {facts ? (
        <dl className="facts">
          <dt>Hostname</dt>
          <dd>{facts.hostname}</dd>
          <dt>OS</dt>
          <dd>{facts.os.name}</dd>
          <dt>Kernel</dt>
          <dd>{facts.os.kernel}</dd>
          <dt>Uptime</dt>
          <dd>{formatUptime(facts.os.uptimeSeconds)}</dd>
          <dt>Load</dt>
          <dd>{formatLoad(facts.os.load)}</dd>
          <dt>CPU</dt>
          <dd>
            {facts.cpu.cores} × {facts.cpu.model}
          </dd>
          <dt>Memory</dt>
          <dd>{formatMemory(facts.memoryMiB)}</dd>
          <dt>Hypervisor</dt>
          <dd>{hypervisorLine(host)}</dd>
          <dt>Live migration</dt>
          <dd>{facts.virtualLayer.liveMigration ? 'supported' : 'not supported'}</dd>
          <dt>VMs</dt>
          <dd>{vmCount}</dd>
        </dl>
      ) : (
        <p className="muted">No facts yet: the console has not reached this host.</p>
      )}
      {host.facts && <p className="muted small">Facts as of {formatClock(host.facts.at)}</p>}
      <HostStorage host={host} />
    </div>
  );
}
