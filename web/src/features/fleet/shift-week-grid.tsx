import type { Shift, Vehicle } from '@tournee/shared';
import { useState } from 'react';
import { api, query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { addDays, mondayOf, todayLocal, weekDates } from './week.ts';

/** One row per vehicle, one column per day: each cell a dated shift, editable for that day only. */
export function ShiftWeekGrid({ vehicles }: { vehicles: Vehicle[] }) {
  const { t, intl } = useI18n();
  const canWrite = useCanWrite();
  const [monday, setMonday] = useState(() => mondayOf(todayLocal()));
  const days = weekDates(monday);
  const shifts = useApi<{ items: Shift[] }>(`/shifts${query({ from: days[0], to: days[6] })}`);
  const [editing, setEditing] = useState<{
    vehicleId: string;
    vehicleName: string;
    date: string;
    start: string;
    end: string;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const byCell = new Map(shifts.data?.items.map((s) => [`${s.vehicleId}|${s.localDate}`, s]) ?? []);
  const dayLabel = (d: string) =>
    new Date(`${d}T12:00:00Z`).toLocaleDateString(intl, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });

  const longDay = (d: string) =>
    new Date(`${d}T12:00:00Z`).toLocaleDateString(intl, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });

  async function save(cancel: boolean) {
    if (!editing) return;
    setError(null);
    try {
      const path = `/shifts/${editing.vehicleId}/${editing.date}`;
      if (cancel) await api(path, { method: 'DELETE' });
      else await api(path, { method: 'PUT', body: JSON.stringify({ start: editing.start, end: editing.end }) });
      setEditing(null);
      shifts.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <div>
      <div className="pager">
        <button type="button" onClick={() => setMonday(addDays(monday, -7))}>
          {t('fleet.shifts.prevWeek')}
        </button>
        <strong>{t('fleet.shifts.weekOf', { date: dayLabel(monday) })}</strong>
        <button type="button" onClick={() => setMonday(addDays(monday, 7))}>
          {t('fleet.shifts.nextWeek')}
        </button>
      </div>
      <AsyncState loading={shifts.loading} error={shifts.error} onRetry={shifts.reload}>
        <table className="orders week-grid">
          <thead>
            <tr>
              <th scope="col">{t('fleet.vehicle')}</th>
              {days.map((d) => (
                <th key={d} scope="col">
                  {dayLabel(d)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {vehicles.map((v) => (
              <tr key={v.id}>
                <th scope="row">{v.name}</th>
                {days.map((d) => {
                  const s = byCell.get(`${v.id}|${d}`);
                  const label = !s ? '—' : s.cancelled ? t('fleet.shifts.off') : `${s.start}–${s.end}`;
                  return (
                    <td key={d} className={s?.cancelled ? 'cancelled' : s?.isOverride ? 'override' : undefined}>
                      <button
                        type="button"
                        className="cell"
                        disabled={!canWrite}
                        aria-label={`${v.name} ${dayLabel(d)}: ${label}`}
                        onClick={() =>
                          setEditing({
                            vehicleId: v.id,
                            vehicleName: v.name,
                            date: d,
                            start: s?.start ?? '08:00',
                            end: s?.end ?? '17:00',
                          })
                        }
                      >
                        {label}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </AsyncState>
      {editing && (
        <form
          className="inline-form"
          aria-labelledby="shift-day-title"
          onSubmit={(e) => {
            e.preventDefault();
            void save(false);
          }}
        >
          {/* Which van and which day this edit is for: the grid above has many of both. */}
          <h3 id="shift-day-title" className="form-title">
            {t('fleet.shifts.dayOf', { vehicle: editing.vehicleName, date: longDay(editing.date) })}
          </h3>
          <label>
            {t('fleet.shifts.start')}
            <input
              type="time"
              value={editing.start}
              onChange={(e) => setEditing({ ...editing, start: e.target.value })}
            />
          </label>
          <label>
            {t('fleet.shifts.end')}
            <input type="time" value={editing.end} onChange={(e) => setEditing({ ...editing, end: e.target.value })} />
          </label>
          <button type="submit">{t('common.save')}</button>
          <button type="button" onClick={() => void save(true)}>
            {t('fleet.shifts.dayOff')}
          </button>
          <button type="button" onClick={() => setEditing(null)}>
            {t('common.cancel')}
          </button>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
