import { useFleet } from '../../api/queries';

/** hostId → the name the fleet shows now; an id the fleet no longer has is shown as itself. */
export function useHostNames(): (hostId: string) => string {
  const { data: names } = useFleet(
    (f) => new Map(f.hosts.map((h) => [h.config.id as string, h.config.name])),
  );
  return (hostId) => names?.get(hostId) ?? hostId;
}
