import { useMemo } from 'react';
import { useFleet, useServices } from '../../api/queries';
import { createNamer, type Namer } from '../../../shared/words/namer';

/**
 * The window's names for ids, from the one `Namer` the core and the command line use too (hosts,
 * VMs, applications, services as the window knows them now); an unknown id is shown as itself.
 */
export function useNamer(): Namer {
  const { data: fleet } = useFleet();
  const { data: catalog } = useServices();
  return useMemo(
    () =>
      createNamer({
        hosts: fleet?.hosts ?? [],
        vms: fleet?.vms ?? [],
        services: catalog?.services ?? [],
      }),
    [fleet?.hosts, fleet?.vms, catalog?.services],
  );
}

/** hostId → the name the fleet shows now; an id the fleet no longer has is shown as itself. */
export function useHostNames(): (hostId: string) => string {
  return useNamer().host;
}
