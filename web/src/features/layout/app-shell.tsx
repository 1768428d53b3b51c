import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n/messages.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../auth/session.tsx';
import { AlertsInbox } from '../alerts/alerts-inbox.tsx';
import './layout.css';
import { LanguageSwitch } from './language-switch.tsx';
import { SecurityMenu } from '../security/security-menu.tsx';
import { navigate, type Screen } from './router.ts';
import { UserMenu } from './user-menu.tsx';

// `adminOnly` entries are shown to admins only (the API refuses the others anyway).
const NAV: Array<{ screen: Screen; label: MessageKey; adminOnly?: boolean }> = [
  { screen: 'orders', label: 'nav.orders' },
  { screen: 'fleet', label: 'nav.fleet' },
  { screen: 'planner', label: 'nav.planner' },
  { screen: 'messages', label: 'nav.messages' },
  { screen: 'audit', label: 'nav.audit', adminOnly: true },
  { screen: 'analytics', label: 'nav.analytics' },
  { screen: 'rules', label: 'nav.rules' },
  { screen: 'integrations', label: 'nav.integrations', adminOnly: true },
  { screen: 'settings', label: 'nav.settings', adminOnly: true },
];

export function AppShell({ screen, children }: { screen: Screen; children: ReactNode }) {
  const { t } = useI18n();
  const { state, signOut } = useSession();
  const user = state.status === 'signed-in' ? state.user : null;
  return (
    <div className="shell">
      <header>
        <strong className="brand">{t('app.name')}</strong>
        <nav aria-label="main">
          {NAV.filter((n) => !n.adminOnly || user?.role === 'admin').map((n) => (
            <a
              key={n.screen}
              href={`/${n.screen}`}
              aria-current={n.screen === screen ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(n.screen);
              }}
            >
              {t(n.label)}
            </a>
          ))}
        </nav>
        <div className="who">
          <AlertsInbox />
          <LanguageSwitch />
          <SecurityMenu />
          {user && <UserMenu email={user.email} onSignOut={() => void signOut()} />}
        </div>
      </header>
      <main>{children}</main>
    </div>
  );
}
