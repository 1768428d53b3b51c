import type { CreatedTrackerDevice, Driver, TrackerDevice } from '@tournee/shared';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { NamedSelect } from '../../components/named-select.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ConfirmButton } from './confirm-button.tsx';
import { ListTable } from './list-table.tsx';
import { useListChange } from './use-list-change.ts';
import { formatWhen, ShownOnce, When } from './shown-once.tsx';
import { CreateForm } from './create-form.tsx';

/** GPS tracker device keys (OsmAnd / Traccar Client): one per tracker, for a driver. */
export function TrackersPanel() {
  const { t, intl } = useI18n();
  const trackers = useApi<{ items: TrackerDevice[] }>('/trackers');
  const drivers = useApi<{ items: Driver[] }>('/drivers');
  const [driverId, setDriverId] = useState('');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedTrackerDevice | null>(null);
  const server = `${location.origin}/api/positions/osmand`;

  const { error, run } = useListChange(trackers);
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
        <NamedSelect
          label={t('integrations.trackers.driver')}
          items={drivers.data?.items ?? []}
          none={t('integrations.trackers.chooseDriver')}
          required
          value={driverId}
          onChange={(e) => setDriverId(e.target.value)}
        />
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
                <ConfirmButton
                  question={t('integrations.trackers.confirmRevoke', { name: d.name })}
                  onConfirmed={() => void run(() => api(`/trackers/${d.id}`, { method: 'DELETE' }))}
                >
                  {t('integrations.revoke')}
                </ConfirmButton>
              )}
            </td>
          </tr>
        )}
      />
    </div>
  );
}
