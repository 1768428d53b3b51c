import type { ReactNode } from 'react';
import { type TextKey, useI18n } from '../../i18n/i18n.tsx';
import { TabList, useTabInAddress } from '../layout/tabs.tsx';
import { ApiKeysPanel } from './api-keys-panel.tsx';
import { ShopsPanel } from './shops-panel.tsx';
import { TrackersPanel } from './trackers-panel.tsx';
import { WebhooksPanel } from './webhooks-panel.tsx';
import './integrations.css';

const TABS: { key: string; label: TextKey; panel: () => ReactNode }[] = [
  { key: 'keys', label: 'integrations.tab.keys', panel: () => <ApiKeysPanel /> },
  { key: 'webhooks', label: 'integrations.tab.webhooks', panel: () => <WebhooksPanel /> },
  { key: 'trackers', label: 'integrations.tab.trackers', panel: () => <TrackersPanel /> },
  { key: 'shops', label: 'integrations.tab.shops', panel: () => <ShopsPanel /> },
];

const KEYS = TABS.map((x) => x.key);

/** Integrations (admins): API keys, webhooks, GPS trackers and shops. */
export function IntegrationsPage() {
  const { t } = useI18n();
  const [tab, setTab] = useTabInAddress('/integrations', KEYS);
  const current = TABS.find((x) => x.key === tab) ?? TABS[0]!;
  return (
    <section aria-labelledby="integrations-title" className="integrations-page">
      <div className="title-row">
        <h1 id="integrations-title">{t('nav.integrations')}</h1>
        <a href="/api/docs" target="_blank" rel="noreferrer">
          {t('integrations.docs')}
        </a>
      </div>
      <p className="muted">{t('integrations.intro')}</p>
      <TabList keys={KEYS} current={tab} label={(k) => t(TABS.find((x) => x.key === k)!.label)} onSelect={setTab} />
      <div role="tabpanel" aria-label={t(current.label)}>
        {current.panel()}
      </div>
    </section>
  );
}
