import type { CpuRoom } from '../placement-input/host-room';

/** "182 of 192 vCPUs free": whole numbers as they are, fractions to one place. */
export function cpuRoomWords(room: CpuRoom): { text: string; why: string } {
  const n = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
  const whose = room.ownRatio ? "this host's own ratio" : "the fleet's ratio (Settings)";
  return {
    text: `${n(room.free)} of ${n(room.capacity)} vCPUs free · ${room.cores} cores × ${n(room.ratio)} overcommit`,
    why: `${room.cores} cores × ${n(room.ratio)} vCPUs per core (${whose}) = ${n(room.capacity)} vCPUs; its VMs hold ${n(room.used)}, running or not`,
  };
}
