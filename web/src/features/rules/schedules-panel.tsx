import type { Depot, PlanSchedule, ScheduleRun } from '@tournee/shared';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { type Translate, useI18n } from '../../i18n/i18n.tsx';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { FieldError } from '../settings/field-errors.tsx';
import { useSave } from '../settings/use-save.ts';
import { weekdayName, weekdaysText } from '../fleet/weekdays.ts';
import { unplannedReasonText } from '../planner/unplanned-reason.ts';
import './schedules.css';

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/** `M H * * days` from a time and ISO weekdays (7 = Sunday, cron's 0); runs as ranges (`1-5`); every day is `*`. */
export function cronOf(at: string, days: number[]): string {
  const [h, m] = at.split(':').map(Number);
  if (days.length === 7) return `${m} ${h} * * *`;
  const nums = [...new Set(days.map((d) => d % 7))].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const d of nums) {
    const last = runs.at(-1);
    if (last && last.at(-1) === d - 1) last.push(d);
    else runs.push([d]);
  }
  const dow = runs.map((r) => (r.length >= 3 ? `${r[0]}-${r.at(-1)}` : r.join(','))).join(',');
  return `${m} ${h} * * ${dow}`;
}

/** A daily cron read back as "18:00, Mon–Fri"; any other cron as written. */
function cronText(cron: string, t: Translate, intl: string): string {
  const p = dailyParts(cron);
  if (!p) return cron;
  return `${p.at}, ${p.days.length === 7 ? t('schedules.everyDay') : weekdaysText(p.days, intl)}`;
}

function runText(r: ScheduleRun, t: Translate, intl: string): string {
  const from = r.from ? formatDate(intl, r.from) : '—';
  if (r.status === 'failed') return t('schedules.run.failed', { error: r.error ?? '—' });
  if (r.status !== 'done') return t('schedules.run.planning', { from });
  const s = r.summary ?? {};
  return r.kind === 'publish'
    ? t('schedules.run.publish', { from, routes: s.publishedRoutes ?? 0, locked: s.lockedRoutes ?? 0 })
    : t('schedules.run.plan', { from, assigned: s.assigned ?? 0, unassigned: s.unassigned ?? 0 });
}

/** Why orders were left out ("time windows: 2"), and the days left alone because a route had started. */
function runDetails(r: ScheduleRun, t: Translate, intl: string): string[] {
  const s = r.summary ?? {};
  const lines = Object.entries(s.reasons ?? {}).map(([reason, n]) => `${unplannedReasonText(reason, t)} (${n})`);
  if (s.skippedDays?.length) {
    lines.push(t('schedules.run.skipped', { days: s.skippedDays.map((d) => formatDate(intl, d)).join(', ') }));
  }
  return lines;
}

/** The time and weekdays of a daily cron, or null when the cron is another shape. */
function dailyParts(cron: string): { at: string; days: number[] } | null {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* ([\d,*-]+)$/.exec(cron.trim());
  if (!m) return null;
  const days = new Set<number>();
  if (m[3] === '*') for (const d of ALL_DAYS) days.add(d);
  else
    for (const part of m[3]!.split(',')) {
      const [a, b] = part.split('-').map(Number);
      for (let d = a!; d <= (b ?? a!); d++) days.add(d === 0 ? 7 : d);
    }
  return { at: `${m[2]!.padStart(2, '0')}:${m[1]!.padStart(2, '0')}`, days: [...days] };
}

/** Scheduled planning and publishing: the schedules of the organisation and a form to add one. */
export function SchedulesPanel() {
  const { t, intl } = useI18n();
  const list = useApi<{ items: PlanSchedule[] }>('/plan-schedules');
  const depots = useApi<{ items: Depot[] }>('/depots');
  const depotOf = (id: string) => depots.data?.items.find((d) => d.id === id);
  const [editing, setEditing] = useState<PlanSchedule | null>(null);

  async function toggle(s: PlanSchedule) {
    await api(`/plan-schedules/${s.id}`, { method: 'PATCH', body: JSON.stringify({ enabled: !s.enabled }) });
    list.reload();
  }
  async function remove(s: PlanSchedule) {
    await api(`/plan-schedules/${s.id}`, { method: 'DELETE' });
    list.reload();
  }

  return (
    <section className="automation-panel" aria-labelledby="schedules-title">
      <h2 id="schedules-title">{t('schedules.title')}</h2>
      <p className="hint">{t('schedules.intro')}</p>
      {list.data && list.data.items.length === 0 && <p className="empty">{t('schedules.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <table className="automation-table">
          <thead>
            <tr>
              <th>{t('schedules.name')}</th>
              <th>{t('schedules.depot')}</th>
              <th>{t('schedules.when')}</th>
              <th>{t('schedules.plans')}</th>
              <th>{t('schedules.publish')}</th>
              <th>{t('schedules.nextRun')}</th>
              <th>{t('schedules.lastRun')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((s) => {
              const zone = depotOf(s.depotId)?.timeZone;
              const last = s.lastRuns[0];
              return (
                <tr key={s.id} className={s.enabled ? '' : 'off'}>
                  <td>{s.name}</td>
                  <td>{depotOf(s.depotId)?.name ?? '—'}</td>
                  <td>{cronText(s.cron, t, intl)}</td>
                  <td>
                    {t('schedules.horizonText', {
                      count: s.horizonDays,
                      start: t(s.startOffsetDays === 0 ? 'schedules.startToday' : 'schedules.startTomorrow'),
                    })}
                  </td>
                  <td>
                    {s.publish
                      ? t('schedules.publishText', {
                          at: s.publish.at,
                          which: t(s.publish.leadDays === 0 ? 'schedules.publishSameDay' : 'schedules.publishNextDay'),
                        })
                      : t('schedules.noPublish')}
                  </td>
                  <td>
                    {s.nextRunAt ? formatDateTime(intl, s.nextRunAt, zone) : t('schedules.disabled')}
                    {s.nextPublishAt && (
                      <div className="sub">
                        {t('schedules.publishAt')} {formatDateTime(intl, s.nextPublishAt, zone)}
                      </div>
                    )}
                  </td>
                  <td>
                    {last ? runText(last, t, intl) : t('schedules.never')}
                    {last &&
                      runDetails(last, t, intl).map((line) => (
                        <div key={line} className="sub">
                          {line}
                        </div>
                      ))}
                  </td>
                  <td className="actions">
                    <button type="button" onClick={() => setEditing(s)}>
                      {t('schedules.edit')}
                    </button>
                    <button type="button" onClick={() => toggle(s)}>
                      {t(s.enabled ? 'schedules.turnOff' : 'schedules.turnOn')}
                    </button>
                    <button type="button" className="danger" onClick={() => remove(s)}>
                      {t('schedules.delete')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {depots.data && (
        <ScheduleForm
          key={editing?.id ?? 'new'}
          depots={depots.data.items}
          editing={editing}
          onDone={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

/** Adds a schedule, or changes `editing` (its fields filled in). */
function ScheduleForm(props: { depots: Depot[]; editing: PlanSchedule | null; onDone(): void }) {
  const { depots, editing: e0 } = props;
  const { t, intl } = useI18n();
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
      api(e0 ? `/plan-schedules/${e0.id}` : '/plan-schedules', {
        method: e0 ? 'PATCH' : 'POST',
        body: JSON.stringify({
          name,
          depotId,
          cron,
          startOffsetDays,
          horizonDays: Number(horizonDays),
          options: { ...e0?.options, balance, minimiseVehicles },
          publish: autoPublish ? { at: publishAt, leadDays } : null,
        }),
      }),
    );
    if (ok) {
      setName('');
      props.onDone();
    }
  }

  const err = save.errors.of;
  return (
    <form
      className="automation-form"
      aria-label={e0 ? t('schedules.editTitle', { name: e0.name }) : t('schedules.add')}
      onSubmit={submit}
    >
      <h3>{e0 ? t('schedules.editTitle', { name: e0.name }) : t('schedules.add')}</h3>
      <div className="row">
        <label>
          {t('schedules.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} aria-describedby="sch-name-err" required />
          <FieldError id="sch-name-err" message={err('name')} />
        </label>
        <label>
          {t('schedules.depot')}
          <select value={depotId} onChange={(e) => setDepotId(e.target.value)}>
            {depots.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          <FieldError id="sch-depot-err" message={err('depotId')} />
        </label>
        <label>
          {t('schedules.at')}
          <input type="time" value={at} onChange={(e) => setAt(e.target.value)} aria-describedby="sch-cron-err" />
          <FieldError id="sch-cron-err" message={err('cron')} />
        </label>
      </div>
      <fieldset className="days">
        <legend>{t('schedules.days')}</legend>
        {ALL_DAYS.map((d) => (
          <label key={d} className="check">
            <input
              type="checkbox"
              checked={days.includes(d)}
              onChange={(e) => setDays(e.target.checked ? [...days, d] : days.filter((x) => x !== d))}
            />
            {weekdayName(d, intl)}
          </label>
        ))}
        <label className="inline">
          {t('schedules.cron')}
          <input className="cron" value={cron} onChange={(e) => setCron(e.target.value)} />
        </label>
      </fieldset>
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
      <div className="save">
        <button type="submit" disabled={save.busy || !cron}>
          {t('schedules.save')}
        </button>
        {e0 && (
          <button type="button" onClick={props.onDone}>
            {t('schedules.cancel')}
          </button>
        )}
        {save.saved && <span className="saved">{t('schedules.saved')}</span>}
        {save.errors.general && (
          <span className="field-error" role="alert">
            {save.errors.general}
          </span>
        )}
      </div>
    </form>
  );
}
