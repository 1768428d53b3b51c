import type { CalendarDay } from '@tournee/shared';
import { formatDate } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { isWeekend, weeksOf } from './dates.ts';
import './planner.css';

/**
 * Five weeks at a glance, a row per week and a column per weekday: per day, orders due, stops
 * planned and orders still unplanned, each with its label. Clicking a day opens it below; the
 * range inputs of the plan launcher pick what to plan.
 */
export function CalendarGrid(props: {
  /** 35 days from a Monday. */
  days: CalendarDay[];
  today: string;
  selected: string;
  onSelect(date: string): void;
}) {
  const { t, intl } = useI18n();
  const weeks = weeksOf(props.days);
  const headings = weeks[0]?.days ?? [];
  return (
    <table className="calendar-grid" aria-label={t('planner.calendar')}>
      <caption>{t('planner.calendar')}</caption>
      <thead>
        <tr>
          <th scope="col" className="week">
            {t('calendar.week')}
          </th>
          {headings.map((d) => (
            <th scope="col" key={d.date}>
              {formatDate(intl, d.date, { weekday: 'short' })}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((w, row) => (
          <tr key={w.week}>
            <th scope="row" className="week" aria-label={t('calendar.weekLabel', { n: String(w.week) })}>
              {t('calendar.weekNumber', { n: String(w.week) })}
            </th>
            {w.days.map((d, col) => (
              <td key={d.date}>
                <DayCell
                  day={d}
                  // The month is named on the first cell and on each 1st, as on a wall calendar.
                  withMonth={(row === 0 && col === 0) || d.date.endsWith('-01')}
                  today={props.today}
                  selected={d.date === props.selected}
                  onSelect={props.onSelect}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DayCell(props: {
  day: CalendarDay;
  withMonth: boolean;
  today: string;
  selected: boolean;
  onSelect(date: string): void;
}) {
  const { t, intl } = useI18n();
  const d = props.day;
  const state = d.routes === 0 ? 'empty' : d.published === d.routes ? 'published' : 'planned';
  const classes = [
    'day',
    state,
    isWeekend(d.date) && 'weekend',
    d.date < props.today && 'past',
    d.date === props.today && 'today',
    d.unplanned > 0 && 'has-unplanned',
  ].filter(Boolean);
  const full = formatDate(intl, d.date, { weekday: 'long', day: 'numeric', month: 'long' });
  return (
    <button
      type="button"
      className={classes.join(' ')}
      aria-pressed={props.selected}
      aria-current={d.date === props.today ? 'date' : undefined}
      data-date={d.date}
      aria-label={t('planner.dayLabel', { day: full, due: d.due, planned: d.planned, unplanned: d.unplanned })}
      onClick={() => props.onSelect(d.date)}
    >
      <span className="date">
        {formatDate(intl, d.date, props.withMonth ? { day: 'numeric', month: 'short' } : { day: 'numeric' })}
        {d.date === props.today && <span className="tag"> {t('calendar.today')}</span>}
        {state === 'published' && <span className="tag"> ✓ {t('calendar.published')}</span>}
      </span>
      <span className="count due" data-count="due">
        <b>{d.due}</b> {t('calendar.due')}
      </span>
      <span className="count planned" data-count="planned">
        <b>{d.planned}</b> {t('calendar.planned', { count: d.planned })}
      </span>
      <span className="count unplanned" data-count="unplanned">
        <b>{d.unplanned}</b> {t('calendar.unplanned', { count: d.unplanned })}
      </span>
      {d.shifts === 0 && d.due > 0 && <span className="tag warn">{t('calendar.noShift')}</span>}
    </button>
  );
}
