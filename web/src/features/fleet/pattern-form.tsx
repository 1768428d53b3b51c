import type { Driver, Vehicle } from '@tournee/shared';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { NamedSelect } from './named-select.tsx';
import { SimpleForm } from './simple-form.tsx';
import { useFields } from './use-fields.ts';
import { todayLocal } from './week.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** A weekly pattern ("Mon–Fri 08:00–17:00, break 12:00–14:00 for 30 min") that expands into dated shifts. */
export function PatternForm(props: { vehicles: Vehicle[]; drivers: Driver[]; onCreated(): void }) {
  const { t, locale } = useI18n();
  const { values: v, bind } = useFields(() => ({
    vehicle: props.vehicles[0]?.id ?? '',
    driver: '',
    start: '08:00',
    end: '17:00',
    breakStart: '12:00',
    breakEnd: '14:00',
    breakMin: '30',
    from: todayLocal(),
  }));
  const [days, setDays] = useState(new Set([1, 2, 3, 4, 5]));
  const breakMin = Number(v.breakMin);
  // 2024-01-01 was a Monday: day names in the UI language without a lookup table.
  const dayName = (d: number) =>
    new Date(Date.UTC(2024, 0, d)).toLocaleDateString(locale, { weekday: 'short', timeZone: 'UTC' });
  return (
    <SimpleForm
      label={t('fleet.addPattern')}
      path="/shift-patterns"
      onSaved={props.onCreated}
      body={() => ({
        vehicleId: v.vehicle,
        driverId: v.driver || undefined,
        weekdays: [...days].sort(),
        start: v.start,
        end: v.end,
        breaks: breakMin > 0 ? [{ start: v.breakStart, end: v.breakEnd, durationMin: breakMin }] : [],
        validFrom: v.from,
      })}
    >
      <NamedSelect label={t('fleet.vehicle')} items={props.vehicles} {...bind('vehicle')} optional={false} />
      <NamedSelect label={t('fleet.driver')} items={props.drivers} {...bind('driver')} />
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
        <input type="time" {...bind('start')} />
      </label>
      <label>
        {t('fleet.shifts.end')}
        <input type="time" {...bind('end')} />
      </label>
      <label>
        {t('fleet.breakBetween')}
        <span>
          <input type="time" {...bind('breakStart')} aria-label={t('fleet.breakFrom')} />–
          <input type="time" {...bind('breakEnd')} aria-label={t('fleet.breakTo')} />
        </span>
      </label>
      <label>
        {t('fleet.breakMinutes')}
        <input type="number" min={0} max={240} {...bind('breakMin')} />
      </label>
      <label>
        {t('fleet.validFrom')}
        <input type="date" {...bind('from')} />
      </label>
    </SimpleForm>
  );
}
