import type { Driver, Organisation, Vehicle } from '@tournee/shared';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ShiftPatterns } from '../fleet/pattern-list.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { TabList, useTabInAddress } from '../layout/tabs.tsx';
import { AlertThresholds } from './alert-thresholds.tsx';
import { DeliveryRules } from './delivery-rules.tsx';
import { type ResolvedNotifySettings, NotificationSettings } from './notification-settings.tsx';
import { OrganisationSettings } from './organisation-settings.tsx';
import { UsersSettings } from './users-settings.tsx';
import { WorkingTimeRules } from './working-time.tsx';
import { SecurityTab } from '../security/org-security-settings.tsx';
import './settings.css';

const TABS = ['organisation', 'notifications', 'users', 'shifts', 'security'] as const;

/**
 * The admin's settings: the organisation (name, language, dimensions, defaults, drivers'
 * working-time rules), customer
 * notifications with a preview of each message, redelivery and alert thresholds, users and
 * roles, and the weekly shift patterns.
 */
export function SettingsPage() {
  const { t } = useI18n();
  const [tab, setTab] = useTabInAddress('/settings', TABS);
  const org = useApi<Organisation>('/organisation');

  return (
    <section aria-labelledby="settings-title" className="settings">
      <h1 id="settings-title">{t('nav.settings')}</h1>
      <TabList keys={TABS} current={tab} label={(k) => t(`settings.tab.${k}`)} onSelect={setTab} />
      <div role="tabpanel" aria-label={t(`settings.tab.${tab}`)}>
        <AsyncState loading={org.loading} error={org.error} onRetry={org.reload}>
          {org.data && tab === 'organisation' && (
            <>
              <OrganisationSettings org={org.data} onSaved={(o) => org.patch(() => o)} />
              <WorkingTimeRules org={org.data} onSaved={(o) => org.patch(() => o)} />
            </>
          )}
          {org.data && tab === 'notifications' && (
            <NotificationsTab org={org.data} onSaved={(o) => org.patch(() => o)} />
          )}
          {tab === 'users' && <UsersSettings />}
          {tab === 'shifts' && <ShiftsTab />}
          {tab === 'security' && <SecurityTab />}
        </AsyncState>
      </div>
    </section>
  );
}

function NotificationsTab({ org, onSaved }: { org: Organisation; onSaved(o: Organisation): void }) {
  const settings = useApi<ResolvedNotifySettings>('/notifications/settings');
  return (
    <AsyncState loading={settings.loading} error={settings.error} onRetry={settings.reload}>
      {settings.data && <NotificationSettings initial={settings.data} />}
      <div className="settings-columns">
        <DeliveryRules org={org} onSaved={onSaved} />
        <AlertThresholds org={org} onSaved={onSaved} />
      </div>
    </AsyncState>
  );
}

function ShiftsTab() {
  const vehicles = useApi<{ items: Vehicle[] }>('/vehicles');
  const drivers = useApi<{ items: Driver[] }>('/drivers');
  return (
    <AsyncState
      loading={vehicles.loading || drivers.loading}
      error={vehicles.error ?? drivers.error}
      onRetry={() => {
        vehicles.reload();
        drivers.reload();
      }}
    >
      {vehicles.data && drivers.data && (
        <ShiftPatterns vehicles={vehicles.data.items} drivers={drivers.data.items} onChanged={() => {}} />
      )}
    </AsyncState>
  );
}
