import type { Depot, PlanSchedule } from '@tournee/shared';
import { useState } from 'react';
import { useApi } from '../../api/use-api.ts';
import { useResourceList } from '../../api/use-resource-list.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { ScheduleForm } from './schedule-form.tsx';
import { cronText, runDetails, runText } from './schedule-text.ts';
import './schedules.css';

/** Scheduled planning and publishing: the schedules of the organisation and a form to add one. */
export function SchedulesPanel() {
  const { t, intl } = useI18n();
  const canWrite = useCanWrite();
  const { list, update, remove } = useResourceList<PlanSchedule>('/plan-schedules');
  const depots = useApi<{ items: Depot[] }>('/depots');
  const depotOf = (id: string) => depots.data?.items.find((d) => d.id === id);
  const [editing, setEditing] = useState<PlanSchedule | null>(null);

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
                  {canWrite && (
                    <td className="actions">
                      <button type="button" onClick={() => setEditing(s)}>
                        {t('schedules.edit')}
                      </button>
                      <button type="button" onClick={() => update(s, { enabled: !s.enabled })}>
                        {t(s.enabled ? 'schedules.turnOff' : 'schedules.turnOn')}
                      </button>
                      <button type="button" className="danger" onClick={() => remove(s)}>
                        {t('schedules.delete')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {canWrite && depots.data && (
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
