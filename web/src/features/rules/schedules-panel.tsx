import type { Depot, PlanSchedule } from '@tournee/shared';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { type AutomationColumn, AutomationPanel } from './automation-panel.tsx';
import { ScheduleForm } from './schedule-form.tsx';
import { cronText, runDetails, runText } from './schedule-text.ts';

/** Scheduled planning and publishing: the schedules of the organisation and a form to add one. */
export function SchedulesPanel() {
  const { t, intl } = useI18n();
  const depots = useApi<{ items: Depot[] }>('/depots');
  const depotOf = (id: string) => depots.data?.items.find((d) => d.id === id);
  const columns: AutomationColumn<PlanSchedule>[] = [
    { head: 'schedules.name', cell: (s) => s.name },
    { head: 'schedules.depot', cell: (s) => depotOf(s.depotId)?.name ?? '—' },
    { head: 'schedules.when', cell: (s) => cronText(s.cron, t, intl) },
    {
      head: 'schedules.plans',
      cell: (s) =>
        t('schedules.horizonText', {
          count: s.horizonDays,
          start: t(s.startOffsetDays === 0 ? 'schedules.startToday' : 'schedules.startTomorrow'),
        }),
    },
    {
      head: 'schedules.publish',
      cell: (s) =>
        s.publish
          ? t('schedules.publishText', {
              at: s.publish.at,
              which: t(s.publish.leadDays === 0 ? 'schedules.publishSameDay' : 'schedules.publishNextDay'),
            })
          : t('schedules.noPublish'),
    },
    {
      head: 'schedules.nextRun',
      cell: (s) => {
        const zone = depotOf(s.depotId)?.timeZone;
        return (
          <>
            {s.nextRunAt ? formatDateTime(intl, s.nextRunAt, zone) : t('schedules.disabled')}
            {s.nextPublishAt && (
              <div className="sub">
                {t('schedules.publishAt')} {formatDateTime(intl, s.nextPublishAt, zone)}
              </div>
            )}
          </>
        );
      },
    },
    {
      head: 'schedules.lastRun',
      cell: (s) => {
        const last = s.lastRuns[0];
        return (
          <>
            {last ? runText(last, t, intl) : t('schedules.never')}
            {last &&
              runDetails(last, t, intl).map((line) => (
                <div key={line} className="sub">
                  {line}
                </div>
              ))}
          </>
        );
      },
    },
  ];

  return (
    <AutomationPanel
      area="schedules"
      path="/plan-schedules"
      columns={columns}
      onOff={{
        isOff: (s) => !s.enabled,
        patch: (off) => ({ enabled: !off }),
        turnOff: 'schedules.turnOff',
        turnOn: 'schedules.turnOn',
      }}
      form={({ editing, done }) =>
        depots.data && <ScheduleForm depots={depots.data.items} editing={editing} onDone={done} />
      }
    />
  );
}
