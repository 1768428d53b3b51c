import type { EditRequest, EditResult, Violation } from '@tournee/shared';
import { useState } from 'react';
import { ApiRequestError, api } from '../../api/client.ts';

export interface Refusal {
  request: EditRequest;
  violations: Violation[];
  message: string;
}

/**
 * Sends dispatcher edits. A refused edit (422) keeps its violations so the dispatcher can read
 * them and force it; every saved move remembers its inverse for undo.
 */
export function useEdits(onSaved: () => void) {
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [undo, setUndo] = useState<EditRequest | null>(null);
  const [last, setLast] = useState<EditResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function send(request: EditRequest, inverse: EditRequest | null): Promise<void> {
    setError(null);
    try {
      const result = await api<EditResult>('/dispatch/edits', { method: 'POST', body: JSON.stringify(request) });
      setRefusal(null);
      setLast(result);
      setUndo(inverse);
      onSaved();
    } catch (e) {
      const refused =
        e instanceof ApiRequestError && e.status === 422 ? (e.details as { violations?: Violation[] }) : null;
      if (refused?.violations) {
        setRefusal({ request, violations: refused.violations, message: (e as Error).message });
      } else {
        setError((e as Error).message);
      }
    }
  }

  return {
    refusal,
    last,
    error,
    canUndo: undo !== null,
    send,
    force: () => refusal && send({ ...refusal.request, force: true }, null),
    dismiss: () => setRefusal(null),
    undo: () => undo && send({ ...undo, force: true }, null),
  };
}
