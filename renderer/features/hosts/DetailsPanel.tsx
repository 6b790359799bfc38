import { useFleet } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { HostDetails } from './HostDetails';
import { VmDetails } from './VmDetails';

/** The right-hand panel for whatever is selected, read live from the cache by id. */
export function DetailsPanel() {
  const selection = useUiStore((s) => s.selection);
  const select = useUiStore((s) => s.select);
  const { data: fleet } = useFleet();
  if (!selection || !fleet) return null;
  const host = fleet.hosts.find((h) => h.config.id === selection.hostId);
  const vm = selection.kind === 'vm' ? fleet.vms.find((v) => v.id === selection.vmId) : undefined;
  const gone = selection.kind === 'vm' ? !vm : !host;
  return (
    <aside className="details-panel" aria-label="Details" data-testid="details-panel">
      <button
        type="button"
        className="dialog-close panel-close"
        aria-label="Close details"
        onClick={() => select(null)}
      >
        ×
      </button>
      {gone && <p className="muted">It is no longer in the fleet (removed or migrated away).</p>}
      {selection.kind === 'host' && host && (
        <HostDetails
          key={host.config.id}
          host={host}
          vmCount={fleet.vms.filter((v) => v.hostId === host.config.id).length}
        />
      )}
      {selection.kind === 'vm' && vm && <VmDetails key={vm.id} vm={vm} host={host} />}
    </aside>
  );
}
