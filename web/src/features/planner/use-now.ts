import { useEffect, useState } from 'react';

/**
 * The time now, moved on every `everyMs`: what is late or stale changes with the clock alone,
 * and a component that reads it re-renders on this beat rather than on every other change.
 */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
