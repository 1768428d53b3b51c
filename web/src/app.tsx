import { lazy, Suspense } from 'react';
import { useI18n } from './i18n/i18n.tsx';
import { useSession } from './features/auth/session.tsx';
import { SignInPage } from './features/auth/sign-in-page.tsx';
import { AppShell } from './features/layout/app-shell.tsx';
import { useScreen } from './features/layout/router.ts';
import { FleetPage } from './features/fleet/fleet-page.tsx';
import { MessagesPage } from './features/messages/messages-page.tsx';
import { AuditPage } from './features/audit/audit-page.tsx';
import { OrdersPage } from './features/orders/orders-page.tsx';
import { useApi } from './api/use-api.ts';
import { SettingsPage } from './features/settings/settings-page.tsx';
import { RulesPage } from './features/rules/rules-page.tsx';
import { IntegrationsPage } from './features/integrations/integrations-page.tsx';

// The planner brings MapLibre (most of the bundle): load it when the planner is opened.
const PlannerPage = lazy(() => import('./features/planner/planner-page.tsx').then((m) => ({ default: m.PlannerPage })));
// Analytics brings uPlot: loaded only when the screen is opened.
const AnalyticsPage = lazy(() =>
  import('./features/analytics/analytics-page.tsx').then((m) => ({ default: m.AnalyticsPage })),
);

export function App() {
  const { t } = useI18n();
  const { state } = useSession();
  const screen = useScreen();
  const clientConfig = useApi<{ mapStyleUrl: string | null }>('/client-config');
  if (state.status === 'loading') return <p className="loading">{t('common.loading')}</p>;
  if (state.status === 'signed-out') return <SignInPage />;
  if (state.user.role === 'driver') return <p className="empty">{t('forbidden.driver')}</p>;
  return (
    <AppShell screen={screen}>
      {screen === 'orders' && <OrdersPage />}
      {screen === 'fleet' && <FleetPage />}
      {screen === 'messages' && <MessagesPage key={location.search} />}
      {screen === 'audit' && <AuditPage />}
      {screen === 'settings' && <SettingsPage />}
      {screen === 'rules' && <RulesPage />}
      {screen === 'integrations' && <IntegrationsPage />}
      {screen === 'analytics' && (
        <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
          <AnalyticsPage />
        </Suspense>
      )}
      {screen === 'planner' && (
        <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
          <PlannerPage mapStyleUrl={clientConfig.data?.mapStyleUrl ?? null} />
        </Suspense>
      )}
    </AppShell>
  );
}
