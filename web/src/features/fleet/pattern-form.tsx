import type { Driver, Vehicle } from '@tournee/shared';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { todayLocal } from './week.ts';
import { NamedSelect } from './named-select.tsx';
import { SimpleForm } from './simple-form.tsx';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** A weekly pattern ("Mon–Fri 08:00–17:00, break 12:00–14:00 for 30 min") that expands into dated shifts. */
export function PatternForm(props: { vehicles: Vehicle[]; drivers: Driver[]; onCreated(): void }) {
  const { t, locale } = useI18n();
  const [v, setV] = useState({
    vehicle: props.vehicles[0]?.id ?? '',
    driver: '',
    start: '08:00',
    end: '17:00',
    breakStart: '12:00',
    breakEnd: '14:00',
    breakMin: 30,
    from: todayLocal(),
  });
  const [days, setDays] = useState(new Set([1, 2, 3, 4, 5]));
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  // 2024-01-01 was a Monday: day names in the UI language without a lookup table.
  const dayName = (d: number) =>
    new Date(Date.UTC(2024, 0, d)).toLocaleDateString(locale, { weekday: 'short', timeZone: 'UTC' });
  return (
    <SimpleForm
      label={t('fleet.addPattern')}
      path="/shift-patterns"
      onCreated={props.onCreated}
      body={() => ({
        vehicleId: v.vehicle,
        driverId: v.driver || undefined,
        weekdays: [...days].sort(),
        start: v.start,
        end: v.end,
        breaks: v.breakMin > 0 ? [{ start: v.breakStart, end: v.breakEnd, durationMin: Number(v.breakMin) }] : [],
        validFrom: v.from,
      })}
    >
      <NamedSelect
        label={t('fleet.vehicle')}
        value={v.vehicle}
        items={props.vehicles}
        onChange={set('vehicle')}
        optional={false}
      />
      <NamedSelect label={t('fleet.driver')} value={v.driver} items={props.drivers} onChange={set('driver')} />
      <fieldset className="weekdays">
        <legend>{t('fleet.weekdays')}</legend>
        {WEEKDAYS.map((d) => (
          <label key={d} className="checkbox">
            <input
              type="checkbox"
              checked={days.has(d)}
              onChange={(e) => {
                const next = new Set(days);
                if (e.target.checked) next.add(d);
                else next.delete(d);
                setDays(next);
              }}
            />
            {dayName(d)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('fleet.shifts.start')}
        <input type="time" value={v.start} onChange={set('start')} />
      </label>
      <label>
        {t('fleet.shifts.end')}
        <input type="time" value={v.end} onChange={set('end')} />
      </label>
      <label>
        {t('fleet.breakBetween')}
        <span>
          <input type="time" value={v.breakStart} onChange={set('breakStart')} aria-label={t('fleet.breakFrom')} />–
          <input type="time" value={v.breakEnd} onChange={set('breakEnd')} aria-label={t('fleet.breakTo')} />
        </span>
      </label>
      <label>
        {t('fleet.breakMinutes')}
        <input type="number" min={0} max={240} value={v.breakMin} onChange={set('breakMin')} />
      </label>
      <label>
        {t('fleet.validFrom')}
        <input type="date" value={v.from} onChange={set('from')} />
      </label>
    </SimpleForm>
  );
}
