import { useMemo } from 'react';
import type { Host, Vm } from '../../../shared/domain';
import { cpuRoom, cpuRoomWords } from '../../../shared/fleet-placement/host-room';
import { useServices, useSettings } from '../../api/queries';

/** "182 of 192 vCPUs free · 48 cores × 4": the room the engine sees, and the ratio behind it. */
export function CpuRoomLine(props: { host: Host; vms: readonly Vm[] }) {
  const { data: settings } = useSettings();
  const { data: catalog } = useServices();
  const appVcpus = useMemo(
    () =>
      new Map(
        (catalog?.services ?? []).flatMap((s) =>
          s.applications.map((a) => [a.id as string, a.vcpus]),
        ),
      ),
    [catalog],
  );
  if (!settings) return null;
  const room = cpuRoom(props.host, props.vms, appVcpus, settings);
  if (!room) return null;
  const words = cpuRoomWords(room);
  return (
    <p
      className={`cpu-room${room.free < 0 ? ' is-over' : ''}`}
      data-testid="cpu-room"
      data-free={room.free}
      title={words.why}
    >
      {words.text}
    </p>
  );
}
