import type { Depot } from '@tournee/shared';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { ALL_DAYS, weekdayName } from '../fleet/weekdays.ts';

/**
 * A box of seven weekday checkboxes (Monday first, ISO numbers 1–7), then `children`: what the
 * days give in words or as a cron, the field's error.
 */
export function WeekdayFieldset({
  legend,
  days,
  onChange,
  children,
}: {
  legend: string;
  /** The ISO weekdays checked, in the order they were picked. */
  days: number[];
  onChange(days: number[]): void;
  children?: ReactNode;
}) {
  const { intl } = useI18n();
  return (
    <fieldset className="days">
      <legend>{legend}</legend>
      {ALL_DAYS.map((d) => (
        <label key={d} className="check">
          <input
            type="checkbox"
            checked={days.includes(d)}
            onChange={(e) => onChange(e.target.checked ? [...days, d] : days.filter((x) => x !== d))}
          />
          {weekdayName(d, intl)}
        </label>
      ))}
      {children}
    </fieldset>
  );
}

/** The options of a `<select>` of one of the organisation's depots, by name (the select stays with its label). */
export function DepotOptions({ depots }: { depots: Depot[] }) {
  return depots.map((d) => (
    <option key={d.id} value={d.id}>
      {d.name}
    </option>
  ));
}
