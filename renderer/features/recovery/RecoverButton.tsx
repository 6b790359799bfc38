import { useCallback } from 'react';
import type { FleetSnapshot } from '../../../shared/contract/requests';
import type { Host } from '../../../shared/domain';
import { leftToRecover } from '../../../shared/domain/recovery';
import { useFleet } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { useHaMarks } from '../vm-details/use-vm-details';
import './recovery.css';

/**
 * "Recover VMs…" on a host the console lost and asked its peers about: shown for a partition too,
 * where the dialog says why nothing may be restarted. Not on a connected host, nor one the admin
 * disconnected (nothing failed there), nor once nothing is left to recover (each of its service
 * VMs and VMs marked HA runs elsewhere, or none was running). Only a lost host's button reads the
 * fleet: counting what is left walks every VM, and a card of a connected host (all but a few) must
 * not do that on every fleet change (at 1,000 hosts the demo's host events came 14 a second, each
 * one counted on every card drawn: a quarter of the script of the card grid's scroll in a profile).
 */
export function RecoverButton(props: { host: Host; where: 'card' | 'details' }) {
  return isLost(props.host) ? <LostHostRecoverButton {...props} /> : null;
}

function LostHostRecoverButton(props: { host: Host; where: 'card' | 'details' }) {
  const { host } = props;
  const open = useUiStore((s) => s.openRecovery);
  const marks = useHaMarks().data;
  const hostId = host.config.id;
  const count = useCallback(
    (fleet: FleetSnapshot) => leftToRecover(hostId, fleet.vms, new Set(marks)).length,
    [hostId, marks],
  );
  const left = useFleet(count).data ?? 0;
  if (left === 0) return null;
  const button = (
    <Button
      size="small"
      variant="danger"
      onClick={(event) => {
        event.stopPropagation(); // on the card, the click opens the dialog, not the host's details
        open(host.config.id);
      }}
      title={`Restart ${host.config.name}'s service VMs on other hosts, once it is known down and off`}
      data-testid={`recover-vms-${props.where}`}
    >
      Recover VMs…
    </Button>
  );
  return props.where === 'card' ? <div className="host-recover">{button}</div> : button;
}

/** Lost, not set aside: unreachable, or witnessed by its peers since it was lost. */
export function isLost(host: Pick<Host, 'state' | 'witness'>): boolean {
  return host.state === 'unreachable' || (host.state !== 'connected' && host.witness !== undefined);
}
