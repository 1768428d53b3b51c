import { useI18n } from './i18n/i18n.tsx';
import { useSession } from './features/auth/session.tsx';
import { SignInPage } from './features/auth/sign-in-page.tsx';
import { AppShell } from './features/layout/app-shell.tsx';
import { useScreen } from './features/layout/router.ts';
import { FleetPage } from './features/fleet/fleet-page.tsx';
import { OrdersPage } from './features/orders/orders-page.tsx';

export function App() {
  const { t } = useI18n();
  const { state } = useSession();
  const screen = useScreen();
  if (state.status === 'loading') return <p className="loading">{t('common.loading')}</p>;
  if (state.status === 'signed-out') return <SignInPage />;
  if (state.user.role === 'driver') return <p className="empty">{t('forbidden.driver')}</p>;
  return (
    <AppShell screen={screen}>
      {screen === 'orders' && <OrdersPage />}
      {screen === 'fleet' && <FleetPage />}
      {screen === 'planner' && <p className="empty">…</p>}
    </AppShell>
  );
}
