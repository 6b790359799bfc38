import { useEffect, useState } from 'react';

/** The time now, moving on every `everyMs`: "firing for 5 min" keeps counting while shown. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
