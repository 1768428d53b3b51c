import { type ReactNode, useState } from 'react';
import { type TextKey, useI18n } from '../../i18n/i18n.tsx';
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

/** The tab in the address (`/rules?tab=…`), so a reload or a shared link opens it. */
function initialTab(): string {
  const asked = new URLSearchParams(location.search).get('tab');
  return TABS.some((t) => t.key === asked) ? asked! : TABS[0]!.key;
}

/** Automation: intake rules and service mapping (and the panels other areas add to TABS). */
export function RulesPage() {
  const { t } = useI18n();
  const [tab, setTabState] = useState(initialTab);
  const setTab = (next: string) => {
    history.replaceState(null, '', `/rules?tab=${next}`);
    setTabState(next);
  };
  const current = TABS.find((x) => x.key === tab) ?? TABS[0]!;
  return (
    <section aria-labelledby="rules-title" className="rules-page">
      <h1 id="rules-title">{t('nav.rules')}</h1>
      <div role="tablist" className="tabs">
        {TABS.map((x) => (
          <button key={x.key} type="button" role="tab" aria-selected={x.key === tab} onClick={() => setTab(x.key)}>
            {t(x.label)}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={t(current.label)}>
        {current.panel()}
      </div>
    </section>
  );
}
