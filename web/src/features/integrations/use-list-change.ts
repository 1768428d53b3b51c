import { useState } from 'react';

/**
 * Runs a change to an Integrations list (create, revoke, turn on or off, delete), then reads the
 * list again. A refused change keeps the server's message, shown under the create form, until
 * the next change is tried.
 */
export function useListChange(list: { reload(): void }) {
  const [error, setError] = useState<string | null>(null);
  const run = async (change: () => Promise<unknown>) => {
    setError(null);
    try {
      await change();
      list.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return { error, run };
}
