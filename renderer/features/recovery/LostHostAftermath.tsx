import { useCallback } from 'react';
import type { FleetSnapshot } from '../../../shared/contract/requests';
import type { Host } from '../../../shared/domain';
import { leftToRecover, recoveryOutcome } from '../../../shared/domain/recovery';
import {
  hostPowerUnavailableWords,
  lostHostAftermathWords,
} from '../../../shared/words/recovery-words';
import { useFleet } from '../../api/queries';
import { useHostNames } from '../plans/use-host-names';
import { useHaMarks } from '../vm-details/use-vm-details';

/**
 * Instead of a host's power buttons while it is not connected. A lost host with something left to
 * recover points to Recover VMs…; once nothing is left (a recovery ran, by hand or automatically),
 * it says what is true instead: powered off through its BMC and when, where its VMs run now, and
 * which stayed on it and why.
 */
export function LostHostPowerLine(props: { host: Host; lost: boolean }) {
  const { host, lost } = props;
  const hostId = host.config.id;
  const markList = useHaMarks().data;
  const select = useCallback(
    (fleet: FleetSnapshot) =>
      leftToRecover(hostId, fleet.vms, new Set(markList)).length > 0
        ? undefined
        : recoveryOutcome(hostId, fleet.vms),
    [hostId, markList],
  );
  const outcome = useFleet(select).data;
  const names = useHostNames();
  const marks = new Set<string>(markList ?? []);
  const done = lost && outcome !== undefined;
  return (
    <p
      className="muted small"
      data-testid="host-power-unavailable"
      data-aftermath={done ? 'true' : undefined}
    >
      {done
        ? lostHostAftermathWords({
            hostName: host.config.name,
            ...(host.fenced === undefined ? {} : { fenced: host.fenced }),
            restarted: outcome.restarted.map((r) => ({ vmName: r.vm.name, on: names(r.on) })),
            stayed: outcome.stayed.map((vm) => ({ vmName: vm.name, marked: marks.has(vm.id) })),
          })
        : hostPowerUnavailableWords(host.config.name, lost)}
    </p>
  );
}
