import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { SecuritySection } from './security-section.tsx';

/** The header's "Security" button: one's own two-factor sign-in, sessions and password, in a panel. */
export function SecurityMenu() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
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
