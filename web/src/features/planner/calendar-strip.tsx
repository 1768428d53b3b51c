import type { CalendarDay } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { isWeekend } from './dates.ts';

/**
 * Five weeks at a glance: per day, orders due, stops planned and orders still unplanned.
 * Clicking a day opens it below; the range inputs of the plan launcher pick what to plan.
 */
export function CalendarStrip(props: { days: CalendarDay[]; selected: string; onSelect(date: string): void }) {
  const { t, locale } = useI18n();
  return (
    <ol className="calendar-strip" aria-label={t('planner.calendar')}>
      {props.days.map((d) => {
        const label = new Date(`${d.date}T12:00:00Z`).toLocaleDateString(locale, {
          weekday: 'short',
          day: 'numeric',
          month: 'short',
        });
        const state = d.routes === 0 ? 'empty' : d.published === d.routes ? 'published' : 'planned';
        return (
          <li key={d.date}>
            <button
              type="button"
              className={`day ${state}${isWeekend(d.date) ? ' weekend' : ''}`}
              aria-pressed={d.date === props.selected}
              data-date={d.date}
              aria-label={t('planner.dayLabel', { day: label, due: d.due, planned: d.planned, unplanned: d.unplanned })}
              onClick={() => props.onSelect(d.date)}
            >
              <span className="date">{label}</span>
              <span className="counts">
                <span title={t('planner.due')}>{d.due}</span>
                <span title={t('planner.planned')} className="planned">
                  {d.planned}
                </span>
                {d.unplanned > 0 && (
                  <span title={t('planner.unplanned')} className="unplanned">
                    {d.unplanned}
                  </span>
                )}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
