import { useState } from 'react';
import { useFieldErrors } from './field-errors.tsx';

/**
 * The state of one settings form's Save: busy while the request runs, "saved" after it, and
 * the refused fields (with `prefix` stripped, e.g. `alerts.`) otherwise.
 */
export function useSave(prefix = '') {
  const errors = useFieldErrors();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  async function run(request: () => Promise<unknown>): Promise<boolean> {
    errors.clear();
    setSaved(false);
    setBusy(true);
    try {
      await request();
      setSaved(true);
      return true;
    } catch (e) {
      errors.take(e, prefix);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { errors, busy, saved, run, touched: () => setSaved(false) };
}
