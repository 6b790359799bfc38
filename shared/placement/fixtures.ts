/** Small builders for hand-made fleets in tests and examples. */
import type { PlacementApplication, PlacementHost } from './input-types';

/** A host with `cpu` cores and `memoryMiB`, plus any other fields. */
export function host(
  id: string,
  cpu: number,
  memoryMiB: number,
  extra: Partial<PlacementHost> = {},
): PlacementHost {
  return { id, capacity: { cpu, memoryMiB }, ...extra };
}

/** An application of `vcpus` and `memoryMiB` per VM (1 replica unless `extra` says). */
export function app(
  id: string,
  vcpus: number,
  memoryMiB: number,
  extra: Partial<PlacementApplication> = {},
): PlacementApplication {
  return { id, vcpus, memoryMiB, ...extra };
}
