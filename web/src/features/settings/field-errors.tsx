import { useCallback, useState } from 'react';
import { ApiRequestError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { fieldMessage } from './field-messages.ts';

/** One bad field as the API names it (`name`, `quietHours.start`, `dimensions[1]`). */
interface FieldIssue {
  field: string;
  message: string;
}

/**
 * The bad fields of a refused request. A detail without its own message (a 409 naming the field
 * with figures) takes the error's message, less its leading `field:`.
 */
function issuesOf(e: unknown): FieldIssue[] {
  if (!(e instanceof ApiRequestError) || !Array.isArray(e.details)) return [];
  return (e.details as { field?: unknown; message?: unknown }[]).flatMap((d) => {
    if (typeof d?.field !== 'string') return [];
    const prefix = `${d.field}: `;
    const message =
      typeof d.message === 'string'
        ? d.message
        : e.message.startsWith(prefix)
          ? e.message.slice(prefix.length)
          : e.message;
    return [{ field: d.field, message }];
  });
}

/**
 * The errors of one settings form, by field: the server's 400 names each bad field, and the
 * form shows each message next to its input (`of('quietHours.start')`); what names no field
 * shows above the Save button (`general`).
 */
export function useFieldErrors() {
  const [fields, setFields] = useState<FieldIssue[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  const clear = useCallback(() => {
    setFields([]);
    setGeneral(null);
  }, []);
  /** Takes a failed request's error; `prefix` is stripped from field names (`alerts.`). */
  const take = useCallback((e: unknown, prefix = '') => {
    const issues = issuesOf(e).map((i) => ({
      ...i,
      field: i.field.startsWith(prefix) ? i.field.slice(prefix.length) : i.field,
    }));
    setFields(issues);
    setGeneral(issues.length > 0 ? null : (e as Error).message);
  }, []);
  /** The message for `field` or any part of it (`dimensions` also matches `dimensions[1]`). */
  const of = (field: string): string | undefined =>
    fields.find((f) => f.field === field || f.field.startsWith(`${field}.`) || f.field.startsWith(`${field}[`))
      ?.message;
  return { of, take, clear, general, any: fields.length > 0 || general !== null };
}

/** The message under an input (in the user's language where the app knows it), with an `id` to describe the input by. */
export function FieldError({ id, message }: { id: string; message: string | undefined | null }) {
  const { t } = useI18n();
  if (!message) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {fieldMessage(t, message)}
    </span>
  );
}
