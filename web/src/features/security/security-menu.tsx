import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../auth/session.tsx';
import { SecuritySection } from './security-section.tsx';
import './security.css';

/**
 * The header's "Security" button: one's own two-factor sign-in, sessions and password, in a panel;
 * beside it, a viewer is told the screens are read-only.
 */
export function SecurityMenu() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { state } = useSession();
  const viewer = state.status === 'signed-in' && state.user.role === 'viewer';
  return (
    <>
      {viewer && (
        <span className="read-only-badge" title={t('security.viewer.help')}>
          {t('security.viewer.badge')}
        </span>
      )}
      <button type="button" onClick={() => setOpen(true)}>
        {t('security.menu')}
      </button>
      {open && (
        <div role="dialog" aria-modal="true" aria-label={t('security.title')} className="security-dialog">
          <div className="security-dialog-body">
            <button type="button" className="close" onClick={() => setOpen(false)}>
              {t('security.close')}
            </button>
            <SecuritySection />
          </div>
        </div>
      )}
    </>
  );
}
