import type { BulkOrderEdit, BulkOrderResult } from '@tournee/shared';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { LabelledInput } from '../../components/labelled-input.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

interface Props {
  /** The selected orders, id → reference (the refusals name the reference). */
  selected: Map<string, string>;
  onClear(): void;
  /** Called once the server has answered, so the list shows the changes. */
  onDone(): void;
}

type HoldChoice = 'keep' | 'hold' | 'release';

/** What the form's filled fields ask the server to set; empty fields are left as they are. */
function setOf(f: FormData, hold: HoldChoice): BulkOrderEdit['set'] {
  const s = (k: string) => String(f.get(k) ?? '').trim();
  const set: BulkOrderEdit['set'] = {};
  if (s('dateFrom')) set.dateFrom = s('dateFrom');
  // One day given: the order is due that day (a range needs both).
  if (s('dateTo') || s('dateFrom')) set.dateTo = s('dateTo') || s('dateFrom');
  if (s('twStart') && s('twEnd')) set.timeWindows = [{ start: s('twStart'), end: s('twEnd') }];
  if (s('priority')) set.priority = Number(s('priority'));
  if (s('skills'))
    set.skills = s('skills')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  if (s('notes')) set.notes = s('notes');
  if (hold === 'hold') set.hold = { reason: s('holdReason') };
  if (hold === 'release') set.hold = false;
  return set;
}

/** The bar above the orders table once orders are ticked: one change for all of them, one call. */
export function BulkBar({ selected, onClear, onDone }: Props) {
  const { t } = useI18n();
  const [hold, setHold] = useState<HoldChoice>('keep');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<BulkOrderResult[] | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const set = setOf(new FormData(e.currentTarget), hold);
    if (Object.keys(set).length === 0) return setError(t('orders.bulk.nothing'));
    setBusy(true);
    setError(null);
    // The previous answer goes, so nobody reads it as this one's.
    setResults(null);
    try {
      const body = JSON.stringify({ ids: [...selected.keys()], set });
      const res = await api<{ results: BulkOrderResult[] }>('/orders/bulk', { method: 'POST', body });
      setResults(res.results);
      onDone();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const refused = results?.filter((r) => !r.ok) ?? [];
  // Locked and missing orders are said in the user's language; a bad value keeps the server's
  // message, which names the field.
  const refusal = (code: string, reason: string) =>
    code === 'conflict'
      ? t('orders.bulk.refusedLocked')
      : code === 'not_found'
        ? t('orders.bulk.refusedMissing')
        : reason;
  return (
    <section className="bulk-bar" aria-labelledby="bulk-title">
      <div className="title-row">
        <h2 id="bulk-title">{t('orders.bulk.title')}</h2>
        <span>{t('orders.bulk.selected', { n: selected.size })}</span>
        <button type="button" onClick={onClear}>
          {t('orders.bulk.clear')}
        </button>
      </div>
      <p className="hint">{t('orders.bulk.hint')}</p>
      <form className="filters" onSubmit={submit}>
        <LabelledInput label={t('orders.bulk.dateFrom')} type="date" name="dateFrom" />
        <LabelledInput label={t('orders.bulk.dateTo')} type="date" name="dateTo" />
        <LabelledInput label={t('orders.bulk.windowStart')} type="time" name="twStart" />
        <LabelledInput label={t('orders.bulk.windowEnd')} type="time" name="twEnd" />
        <LabelledInput label={t('orders.bulk.priority')} type="number" name="priority" min={0} max={100} step={1} />
        <LabelledInput label={t('orders.bulk.skills')} type="text" name="skills" />
        <LabelledInput label={t('orders.bulk.notes')} type="text" name="notes" />
        <label>
          {t('orders.bulk.hold')}
          <select value={hold} onChange={(e) => setHold(e.target.value as HoldChoice)}>
            <option value="keep">{t('orders.bulk.holdKeep')}</option>
            <option value="hold">{t('orders.bulk.holdSet')}</option>
            <option value="release">{t('orders.bulk.holdRelease')}</option>
          </select>
        </label>
        {hold === 'hold' && (
          <LabelledInput label={t('orders.bulk.holdReason')} type="text" name="holdReason" required />
        )}
        <button type="submit" disabled={busy}>
          {t('orders.bulk.apply', { n: selected.size })}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {results && (
        <div role="status" className="bulk-summary">
          <p>{t('orders.bulk.summary', { changed: results.length - refused.length, refused: refused.length })}</p>
          {refused.length > 0 && (
            <ul>
              {refused.map((r) => (
                <li key={r.id}>
                  {t('orders.bulk.refusal', {
                    ref: selected.get(r.id) ?? r.id,
                    reason: r.ok ? '' : refusal(r.code, r.reason),
                  })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
