import { startTransition, useEffect, useState } from 'react';

/**
 * `value` as it is, except on its first arrival (undefined → loaded): then the render that brings
 * it keeps undefined, and the loaded value is drawn in a transition, a render that yields to the
 * browser every few ms, instead of in one blocking task. At 1,000 hosts / 10,000 VMs the window's
 * first render with the snapshot was one task of 150 ms (the topology, the host list, the event
 * log); the parts that take their data through this render in slices, in one transition together.
 * Once shown, every change comes through in the render that brings it.
 */
export function useLoadedLater<T>(value: T | undefined): T | undefined {
  const [shown, setShown] = useState(value !== undefined);
  const arrived = !shown && value !== undefined;
  useEffect(() => {
    if (arrived) startTransition(() => setShown(true));
  }, [arrived]);
  return shown ? value : undefined;
}
