import type { CreatedTrackerDevice, Driver, TrackerDevice } from '@tournee/shared';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ListTable } from './list-table.tsx';
import { formatWhen, ShownOnce, When } from './shown-once.tsx';
import { CreateForm } from './create-form.tsx';

/** GPS tracker device keys (OsmAnd / Traccar Client): one per tracker, for a driver. */
export function TrackersPanel() {
  const { t, intl } = useI18n();
  const trackers = useApi<{ items: TrackerDevice[] }>('/trackers');
  const drivers = useApi<{ items: Driver[] }>('/drivers');
  const driverList = drivers.data?.items ?? [];
  const [driverId, setDriverId] = useState('');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedTrackerDevice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const server = `${location.origin}/api/positions/osmand`;

  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      trackers.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const create = () =>
    run(async () => {
      setCreated(
        await api<CreatedTrackerDevice>(`/drivers/${driverId}/trackers`, {
          method: 'POST',
          body: JSON.stringify({ name }),
        }),
      );
      setName('');
    });

  return (
    <div className="integrations-panel">
      <p className="muted">{t('integrations.trackers.intro')}</p>
      <p>
        {t('integrations.trackers.server')} <code data-testid="osmand-url">{server}</code>
      </p>
      {created && (
        <ShownOnce
          title={t('integrations.trackers.createdKey', { driver: created.driverName })}
          value={created.key}
          onDone={() => setCreated(null)}
        />
      )}
      <CreateForm error={error} title={t('integrations.trackers.new')} onSubmit={() => void create()}>
        <label>
          {t('integrations.trackers.driver')}
          <select required value={driverId} onChange={(e) => setDriverId(e.target.value)}>
            <option value="">{t('integrations.trackers.chooseDriver')}</option>
            {driverList.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('integrations.trackers.name')}
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={!driverId || !name.trim()}>
          {t('integrations.trackers.create')}
        </button>
      </CreateForm>
      <ListTable
        list={trackers}
        label={t('integrations.tab.trackers')}
        empty={t('integrations.trackers.empty')}
        headers={[
          t('integrations.trackers.driver'),
          t('integrations.trackers.name'),
          t('integrations.trackers.key'),
          t('integrations.trackers.lastSeen'),
          t('integrations.keys.status'),
        ]}
        row={(d) => (
          <tr key={d.id} className={d.revokedAt ? 'revoked' : undefined}>
            <td>{d.driverName}</td>
            <td>{d.name}</td>
            <td>
              <code>{d.prefix}</code>
            </td>
            <td>
              <When at={d.lastSeenAt} />
            </td>
            <td>
              {d.revokedAt
                ? t('integrations.trackers.revoked', { date: formatWhen(intl, d.revokedAt) })
                : t('integrations.trackers.active')}
            </td>
            <td>
              {!d.revokedAt && (
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    if (confirm(t('integrations.trackers.confirmRevoke', { name: d.name })))
                      void run(() => api(`/trackers/${d.id}`, { method: 'DELETE' }));
                  }}
                >
                  {t('integrations.revoke')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </div>
  );
}
