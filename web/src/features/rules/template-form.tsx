import type { Depot, GenerationResult, OrderTemplate } from '@tournee/shared';
import { type FormEvent, type ReactNode, useState } from 'react';
import { saveResource } from '../../api/use-resource-list.ts';
import { ValueInput } from '../../components/labelled-input.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDate } from '../../i18n/format.ts';
import { FieldError } from '../settings/field-errors.tsx';
import { useSave } from '../settings/use-save.ts';
import { DepotOptions, WeekdayFieldset } from './automation-fields.tsx';
import { AutomationForm, SaveRow } from './automation-form.tsx';
import { ruleText, weeklyParts, weeklyRule } from './round-rule.ts';

const today = () => new Date().toISOString().slice(0, 10);

const text = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** Adds a template, or changes `editing` (its fields filled in; its ref stays). */
export function TemplateForm(props: {
  depots: Depot[];
  editing: OrderTemplate | null;
  onSaved(): void;
  onDone(): void;
}) {
  const { depots, editing: e0 } = props;
  const { t, intl } = useI18n();
  const save = useSave();
  const o = e0?.order;
  const weekly = e0 ? weeklyParts(e0.rrule) : null;
  const [ref, setRef] = useState(e0?.ref ?? '');
  const [depotId, setDepotId] = useState(e0?.depotId ?? depots[0]?.id ?? '');
  const [name, setName] = useState(o?.name ?? '');
  const [address, setAddress] = useState(o?.address ?? '');
  const [lat, setLat] = useState(text(o?.lat));
  const [lon, setLon] = useState(text(o?.lon));
  const [days, setDays] = useState<number[]>(weekly?.days ?? (e0 ? [] : [2, 5]));
  const [everyWeeks, setEveryWeeks] = useState(String(weekly?.everyWeeks ?? 1));
  const [startsOn, setStartsOn] = useState(e0?.startsOn ?? today());
  const [endsOn, setEndsOn] = useState(e0?.endsOn ?? '');
  const [aheadDays, setAheadDays] = useState(String(e0?.aheadDays ?? 14));
  const [windowStart, setWindowStart] = useState(o?.timeWindows[0]?.start ?? '');
  const [windowEnd, setWindowEnd] = useState(o?.timeWindows[0]?.end ?? '');
  const [serviceMin, setServiceMin] = useState(text(o?.serviceMin));
  const [notes, setNotes] = useState(o?.notes ?? '');
  const [result, setResult] = useState<GenerationResult | null>(null);
  // A rule of another shape (made through the API) is kept unless days are picked.
  const rule = days.length ? weeklyRule(days, Number(everyWeeks) || 1) : (e0?.rrule ?? '');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    const num = (s: string) => (s.trim() === '' ? null : Number(s));
    const ok = await save.run(async () => {
      const saved = await saveResource<OrderTemplate & { generation: GenerationResult }>('/order-templates', e0?.id, {
        ...(e0 ? {} : { ref }),
        depotId,
        rrule: rule,
        startsOn,
        endsOn: endsOn || null,
        aheadDays: Number(aheadDays),
        order: {
          ...o,
          name,
          address,
          lat: num(lat),
          lon: num(lon),
          notes,
          serviceMin: num(serviceMin),
          timeWindows:
            windowStart || windowEnd
              ? [{ start: windowStart, end: windowEnd }, ...(o?.timeWindows.slice(1) ?? [])]
              : [],
        },
      });
      setResult(saved.generation);
    });
    if (ok && !e0) {
      setRef('');
      props.onSaved();
    }
    if (ok && e0) props.onSaved();
  }

  const err = save.errors.of;
  // Each input carries the id its label points at.
  const field = (id: string, label: string, input: ReactNode, error?: string) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {input}
      <FieldError id={`${id}-err`} message={error} />
    </div>
  );
  return (
    <AutomationForm title={e0 ? t('recurring.editTitle', { ref: e0.ref }) : t('recurring.add')} onSubmit={submit}>
      <div className="row">
        {field(
          'tpl-ref',
          t('recurring.ref'),
          <ValueInput id="tpl-ref" value={ref} onValue={setRef} required disabled={!!e0} />,
          err('ref'),
        )}
        {field(
          'tpl-depot',
          t('schedules.depot'),
          <select id="tpl-depot" value={depotId} onChange={(e) => setDepotId(e.target.value)}>
            <DepotOptions depots={depots} />
          </select>,
          err('depotId'),
        )}
        {field(
          'tpl-name',
          t('recurring.customer'),
          <ValueInput id="tpl-name" value={name} onValue={setName} />,
          err('order.name'),
        )}
      </div>
      <div className="row">
        {field(
          'tpl-address',
          t('recurring.address'),
          <ValueInput id="tpl-address" className="wide" value={address} onValue={setAddress} />,
          err('order.address'),
        )}
        {field(
          'tpl-lat',
          t('recurring.lat'),
          <ValueInput id="tpl-lat" value={lat} inputMode="decimal" onValue={setLat} />,
          err('order.lat'),
        )}
        {field(
          'tpl-lon',
          t('recurring.lon'),
          <ValueInput id="tpl-lon" value={lon} inputMode="decimal" onValue={setLon} />,
          err('order.lon'),
        )}
      </div>
      <WeekdayFieldset legend={t('recurring.weekdays')} days={days} onChange={setDays}>
        <span className="sub">{rule ? ruleText(rule, t, intl) : t('recurring.needDay')}</span>
        <FieldError id="tpl-rule-err" message={err('rrule')} />
      </WeekdayFieldset>
      <div className="row">
        {field(
          'tpl-every',
          t('recurring.everyWeeks'),
          <ValueInput id="tpl-every" type="number" min={1} max={8} value={everyWeeks} onValue={setEveryWeeks} />,
        )}
        {field(
          'tpl-starts',
          t('recurring.startsOn'),
          <ValueInput id="tpl-starts" type="date" value={startsOn} onValue={setStartsOn} />,
          err('startsOn'),
        )}
        {field(
          'tpl-ends',
          t('recurring.endsOn'),
          <ValueInput id="tpl-ends" type="date" value={endsOn} onValue={setEndsOn} />,
          err('endsOn'),
        )}
        {field(
          'tpl-ahead',
          t('recurring.aheadDays'),
          <ValueInput id="tpl-ahead" type="number" min={0} max={90} value={aheadDays} onValue={setAheadDays} />,
          err('aheadDays'),
        )}
      </div>
      <div className="row">
        {field(
          'tpl-window',
          t('recurring.window'),
          <span className="pair">
            <ValueInput
              id="tpl-window"
              type="time"
              value={windowStart}
              onValue={setWindowStart}
              aria-label={t('recurring.window')}
            />
            –
            <ValueInput type="time" value={windowEnd} onValue={setWindowEnd} aria-label={t('recurring.window')} />
          </span>,
          err('order.timeWindows'),
        )}
        {field(
          'tpl-service',
          t('recurring.serviceMin'),
          <ValueInput id="tpl-service" type="number" min={0} value={serviceMin} onValue={setServiceMin} />,
          err('order.serviceMin'),
        )}
        {field(
          'tpl-notes',
          t('recurring.notes'),
          <ValueInput id="tpl-notes" className="wide" value={notes} onValue={setNotes} />,
          err('order.notes'),
        )}
      </div>
      <SaveRow label={t('recurring.save')} ready={!!rule} save={save} onCancel={e0 ? props.onDone : undefined}>
        {result && (
          <span className="saved" role="status">
            {[
              !e0 || result.created.length > 0 ? t('recurring.createdCount', { count: result.created.length }) : '',
              result.updated.length > 0 ? t('recurring.updatedCount', { count: result.updated.length }) : '',
            ]
              .filter(Boolean)
              .join(' ')}
            {result.rejected.map((r) => (
              <span key={r.date} className="field-error">
                {' '}
                {t('recurring.rejected', { date: formatDate(intl, r.date), message: r.message })}
              </span>
            ))}
          </span>
        )}
      </SaveRow>
    </AutomationForm>
  );
}
