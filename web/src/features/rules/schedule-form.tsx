import type { Depot, PlanSchedule } from '@tournee/shared';
import { type FormEvent, useState } from 'react';
import { saveResource } from '../../api/use-resource-list.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { FieldError } from '../settings/field-errors.tsx';
import { useSave } from '../settings/use-save.ts';
import { DepotOptions, WeekdayFieldset } from './automation-fields.tsx';
import { AutomationForm, SaveRow } from './automation-form.tsx';
import { cronOf, dailyParts } from './schedule-text.ts';

/** Adds a schedule, or changes `editing` (its fields filled in). */
export function ScheduleForm(props: { depots: Depot[]; editing: PlanSchedule | null; onDone(): void }) {
  const { depots, editing: e0 } = props;
  const { t } = useI18n();
  const save = useSave();
  const parts = e0 ? dailyParts(e0.cron) : null;
  const [name, setName] = useState(e0?.name ?? '');
  const [depotId, setDepotId] = useState(e0?.depotId ?? depots[0]?.id ?? '');
  const [at, setAtState] = useState(parts?.at ?? '18:00');
  const [days, setDaysState] = useState<number[]>(parts?.days ?? (e0 ? [] : [1, 2, 3, 4, 5]));
  // The cron follows the time and days; a cron of another shape (made through the API) is kept as it is.
  const [cron, setCron] = useState(e0?.cron ?? cronOf('18:00', [1, 2, 3, 4, 5]));
  const setAt = (v: string) => {
    setAtState(v);
    if (days.length) setCron(cronOf(v, days));
  };
  const setDays = (v: number[]) => {
    setDaysState(v);
    setCron(v.length ? cronOf(at, v) : '');
  };
  const [startOffsetDays, setStartOffset] = useState(e0?.startOffsetDays ?? 1);
  const [horizonDays, setHorizon] = useState(String(e0?.horizonDays ?? 1));
  const [balance, setBalance] = useState(e0?.options.balance ?? true);
  const [minimiseVehicles, setMinimise] = useState(e0?.options.minimiseVehicles ?? false);
  const [autoPublish, setAutoPublish] = useState(e0 ? e0.publish !== null : true);
  const [publishAt, setPublishAt] = useState(e0?.publish?.at ?? '06:00');
  const [leadDays, setLeadDays] = useState(e0?.publish?.leadDays ?? 0);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await save.run(() =>
      saveResource('/plan-schedules', e0?.id, {
        name,
        depotId,
        cron,
        startOffsetDays,
        horizonDays: Number(horizonDays),
        options: { ...e0?.options, balance, minimiseVehicles },
        publish: autoPublish ? { at: publishAt, leadDays } : null,
      }),
    );
    if (ok) {
      setName('');
      props.onDone();
    }
  }

  const err = save.errors.of;
  return (
    <AutomationForm title={e0 ? t('schedules.editTitle', { name: e0.name }) : t('schedules.add')} onSubmit={submit}>
      <div className="row">
        <label>
          {t('schedules.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} aria-describedby="sch-name-err" required />
          <FieldError id="sch-name-err" message={err('name')} />
        </label>
        <label>
          {t('schedules.depot')}
          <select value={depotId} onChange={(e) => setDepotId(e.target.value)}>
            <DepotOptions depots={depots} />
          </select>
          <FieldError id="sch-depot-err" message={err('depotId')} />
        </label>
        <label>
          {t('schedules.at')}
          <input type="time" value={at} onChange={(e) => setAt(e.target.value)} aria-describedby="sch-cron-err" />
          <FieldError id="sch-cron-err" message={err('cron')} />
        </label>
      </div>
      <WeekdayFieldset legend={t('schedules.days')} days={days} onChange={setDays}>
        <label className="inline">
          {t('schedules.cron')}
          <input className="cron" value={cron} onChange={(e) => setCron(e.target.value)} />
        </label>
      </WeekdayFieldset>
      <div className="row">
        <label>
          {t('schedules.startOffset')}
          <select value={startOffsetDays} onChange={(e) => setStartOffset(Number(e.target.value))}>
            <option value={0}>{t('schedules.startToday')}</option>
            <option value={1}>{t('schedules.startTomorrow')}</option>
          </select>
        </label>
        <label>
          {t('schedules.horizon')}
          <input type="number" min={1} max={35} value={horizonDays} onChange={(e) => setHorizon(e.target.value)} />
          <FieldError id="sch-horizon-err" message={err('horizonDays')} />
        </label>
        <label className="check">
          <input type="checkbox" checked={balance} onChange={(e) => setBalance(e.target.checked)} />
          {t('schedules.balance')}
        </label>
        <label className="check">
          <input type="checkbox" checked={minimiseVehicles} onChange={(e) => setMinimise(e.target.checked)} />
          {t('schedules.minimiseVehicles')}
        </label>
      </div>
      <div className="row">
        <label className="check">
          <input type="checkbox" checked={autoPublish} onChange={(e) => setAutoPublish(e.target.checked)} />
          {t('schedules.publish')}
        </label>
        {autoPublish && (
          <>
            <label>
              {t('schedules.publishAt')}
              <input type="time" value={publishAt} onChange={(e) => setPublishAt(e.target.value)} />
              <FieldError id="sch-publish-err" message={err('publish')} />
            </label>
            <label>
              {t('schedules.publishWhich')}
              <select value={leadDays} onChange={(e) => setLeadDays(Number(e.target.value))}>
                <option value={0}>{t('schedules.publishSameDay')}</option>
                <option value={1}>{t('schedules.publishNextDay')}</option>
              </select>
            </label>
          </>
        )}
      </div>
      <SaveRow label={t('schedules.save')} ready={!!cron} save={save} onCancel={e0 ? props.onDone : undefined}>
        {save.saved && <span className="saved">{t('schedules.saved')}</span>}
      </SaveRow>
    </AutomationForm>
  );
}
