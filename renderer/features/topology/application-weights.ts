import { useMemo } from 'react';
import { useServices } from '../../api/queries';

/** What each application's VMs weigh as the engine counts them: vCPUs and memory by application id. */
export interface ApplicationWeights {
  vcpus: ReadonlyMap<string, number>;
  memory: ReadonlyMap<string, number>;
}

/** The weights from the service catalogue, for the cards' and the heat map's allocation figures. */
export function useApplicationWeights(): ApplicationWeights {
  const { data: catalog } = useServices();
  return useMemo(() => {
    const list = (catalog?.services ?? []).flatMap((s) => s.applications);
    return {
      vcpus: new Map(list.map((a) => [a.id as string, a.vcpus])),
      memory: new Map(list.map((a) => [a.id as string, a.memoryMiB])),
    };
  }, [catalog]);
}
