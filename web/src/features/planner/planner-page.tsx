import type { CalendarDay, Depot } from '@tournee/shared';
import { useCallback, useEffect, useState } from 'react';
import { query } from '../../api/client.ts';
import { prefetch } from '../../api/prefetch.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { addDays, mondayOf, todayLocal } from '../fleet/week.ts';
import { AsyncState } from '../layout/async-state.tsx';
import { CalendarGrid } from './calendar-grid.tsx';
import { dayPaths } from './day-paths.ts';
import { DayView } from './day-view.tsx';
import { PlanLauncher } from './plan-launcher.tsx';

const HORIZON_DAYS = 35;

/**
 * The open day from the address bar (`?day=`), so a reload or a shared link opens the same day;
 * tomorrow (the day dispatchers usually plan) otherwise.
 */
function initialDay(today: string): string {
  const day = new URLSearchParams(location.search).get('day') ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && addDays(day, 0) === day ? day : addDays(today, 1);
}

/** Five weeks at a glance (this one and four ahead); plan a range; then work day by day on the map and timeline. */
export function PlannerPage({ mapStyleUrl }: { mapStyleUrl: string | null }) {
  const { t } = useI18n();
  const canWrite = useCanWrite();
  const today = todayLocal();
  const [range, setRange] = useState({ from: addDays(today, 1), to: addDays(today, 14) });
  const [day, setOpenDay] = useState(() => initialDay(today));
  const setDay = useCallback((next: string) => {
    history.replaceState(null, '', `/planner${query({ day: next })}`);
    setOpenDay(next);
  }, []);
  // Whole weeks from this week's Monday: a 5 × 7 grid whose rows are calendar weeks.
  const firstMonday = mondayOf(today);
  const calendar = useApi<{ days: CalendarDay[] }>(
    `/planning/calendar${query({ from: firstMonday, to: addDays(firstMonday, HORIZON_DAYS - 1) })}`,
  );
  const depots = useApi<{ items: Depot[] }>('/depots');
  // The open day waits for the depots (its map is centred on them): its own requests start now,
  // beside them, rather than once it mounts (the web bench's 2,000 stops came 0.3–0.5 s sooner).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the day first opened only
  useEffect(() => {
    for (const path of Object.values(dayPaths(day))) prefetch(path);
  }, []);
  const reloadCalendar = calendar.reload;
  const onChanged = useCallback(() => reloadCalendar(), [reloadCalendar]);
  // A finished plan changes every day it covered: the open day is fetched again (key change).
  const [plans, setPlans] = useState(0);
  // An order moved from the plan's list: the calendar and the open day are fetched again, the
  // day's undo history kept.
  const [moves, setMoves] = useState(0);
  const onOrdersChanged = useCallback(() => {
    reloadCalendar();
    setMoves((n) => n + 1);
  }, [reloadCalendar]);
  const onPlanned = useCallback(() => {
    reloadCalendar();
    setPlans((n) => n + 1);
  }, [reloadCalendar]);

  return (
    <section aria-labelledby="planner-title" className="planner">
      <h1 id="planner-title">{t('nav.planner')}</h1>
      {/* Each part loads on its own, so the day's routes do not wait for the calendar. */}
      <AsyncState loading={calendar.loading} error={calendar.error} onRetry={calendar.reload}>
        {calendar.data && <CalendarGrid days={calendar.data.days} today={today} selected={day} onSelect={setDay} />}
      </AsyncState>
      {canWrite && (
        <PlanLauncher
          from={range.from}
          to={range.to}
          onRange={(from, to) => setRange({ from, to })}
          onDone={onPlanned}
          onOrdersChanged={onOrdersChanged}
        />
      )}
      <AsyncState loading={depots.loading} error={depots.error} onRetry={depots.reload}>
        {depots.data && (
          <DayView
            key={`${day}#${plans}`}
            date={day}
            depots={depots.data.items}
            mapStyleUrl={mapStyleUrl}
            onChanged={onChanged}
            refresh={moves}
          />
        )}
      </AsyncState>
    </section>
  );
}
