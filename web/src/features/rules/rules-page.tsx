import type { ReactNode } from 'react';
import { type TextKey, useI18n } from '../../i18n/i18n.tsx';
import { TabList, useTabInAddress } from '../layout/tabs.tsx';
import { IntakeRules } from './intake-rules.tsx';
import { RecurringPanel } from './recurring-panel.tsx';
import { SchedulesPanel } from './schedules-panel.tsx';
import './rules.css';

/**
 * The page's tabs, in order. Another panel (scheduled planning, recurring orders) is one more
 * line here: `{ key: 'schedules', label: 'schedules.title', panel: () => <SchedulesPanel /> }`.
 */
const TABS: { key: string; label: TextKey; panel: () => ReactNode }[] = [
  { key: 'rules', label: 'rules.tab.rules', panel: () => <IntakeRules /> },
  { key: 'schedules', label: 'schedules.title', panel: () => <SchedulesPanel /> },
  { key: 'recurring', label: 'recurring.title', panel: () => <RecurringPanel /> },
];

const KEYS = TABS.map((x) => x.key);

/** Automation: intake rules and service mapping (and the panels other areas add to TABS). */
export function RulesPage() {
  const { t } = useI18n();
  const [tab, setTab] = useTabInAddress('/rules', KEYS);
  const current = TABS.find((x) => x.key === tab) ?? TABS[0]!;
  return (
    <section aria-labelledby="rules-title" className="rules-page">
      <h1 id="rules-title">{t('nav.rules')}</h1>
      <TabList keys={KEYS} current={tab} label={(k) => t(TABS.find((x) => x.key === k)!.label)} onSelect={setTab} />
      <div role="tabpanel" aria-label={t(current.label)}>
        {current.panel()}
      </div>
    </section>
  );
}
