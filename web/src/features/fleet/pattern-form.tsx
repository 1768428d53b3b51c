import type { Driver, ShiftPattern, Vehicle } from '@tournee/shared';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { NamedSelect } from '../../components/named-select.tsx';
import { SimpleForm } from './simple-form.tsx';
import { useFields } from './use-fields.ts';
import { todayLocal } from './week.ts';
import { ALL_DAYS, weekdayName } from './weekdays.ts';

/**
 * A weekly pattern ("Mon–Fri 08:00–17:00, break 12:00–14:00 for 30 min") that expands into dated
 * shifts. Given `editing`, it changes that pattern (its vehicle stays; the shifts to come are
 * redrawn by the server); otherwise it creates one.
 */
export function PatternForm(props: {
  vehicles: Vehicle[];
  drivers: Driver[];
  editing?: ShiftPattern | null;
  onSaved(): void;
  onCancel?(): void;
}) {
  const { t, locale } = useI18n();
  const p = props.editing ?? null;
  const firstBreak = p?.breaks[0];
  const { values: v, bind } = useFields(() => ({
    vehicle: p?.vehicleId ?? props.vehicles[0]?.id ?? '',
    driver: p?.driverId ?? '',
    start: p?.start ?? '08:00',
    end: p?.end ?? '17:00',
    breakStart: firstBreak?.start ?? '12:00',
    breakEnd: firstBreak?.end ?? '14:00',
    breakMin: String(firstBreak?.durationMin ?? (p ? 0 : 30)),
    from: p?.validFrom ?? todayLocal(),
    to: p?.validTo ?? '',
  }));
  const [days, setDays] = useState(new Set(p?.weekdays ?? [1, 2, 3, 4, 5]));
  const breakMin = Number(v.breakMin);
  const vehicleName = props.vehicles.find((x) => x.id === v.vehicle)?.name ?? '';
  const fields = () => ({
    driverId: v.driver || null,
    weekdays: [...days].sort(),
    start: v.start,
    end: v.end,
    // Breaks past the first (set through the API) are kept as they are.
    breaks: [
      ...(breakMin > 0 ? [{ start: v.breakStart, end: v.breakEnd, durationMin: breakMin }] : []),
      ...(p?.breaks.slice(1) ?? []),
    ],
    validFrom: v.from,
    validTo: v.to || null,
  });
  return (
    <SimpleForm
      label={t('fleet.addPattern')}
      path="/shift-patterns"
      editing={p ? { id: p.id, name: t('fleet.pattern.of', { vehicle: vehicleName }) } : null}
      onSaved={props.onSaved}
      onCancel={props.onCancel}
      body={() => (p ? fields() : { vehicleId: v.vehicle, ...fields() })}
    >
      {p ? (
        <span className="fixed-value">{t('fleet.pattern.forVehicle', { vehicle: vehicleName })}</span>
      ) : (
        <NamedSelect label={t('fleet.vehicle')} items={props.vehicles} {...bind('vehicle')} none={false} />
      )}
      <NamedSelect label={t('fleet.driver')} items={props.drivers} {...bind('driver')} />
      <fieldset className="weekdays">
        <legend>{t('fleet.weekdays')}</legend>
        {ALL_DAYS.map((d) => (
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
            {weekdayName(d, locale)}
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
      <label>
        {t('fleet.pattern.until')}
        <input type="date" {...bind('to')} />
      </label>
    </SimpleForm>
  );
}
