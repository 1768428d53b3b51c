import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * The signed-in user as a round initial in the header, opening a small menu with the full email
 * and "Sign out": the header keeps to one line at 1440 px even in French.
 */
export function UserMenu({ email, onSignOut }: { email: string; onSignOut(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  // A click elsewhere or Escape closes the menu, as any menu does.
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="user-menu" ref={root}>
      <button
        type="button"
        className="user-menu-button"
        aria-label={t('nav.account')} // the email is its title: in the name, it would match words (security@…)
        aria-expanded={open}
        aria-controls="user-menu-panel"
        title={email}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">{email.charAt(0).toLocaleUpperCase()}</span>
      </button>
      {open && (
        <div id="user-menu-panel" className="user-menu-panel">
          <p>
            <small>{t('nav.signedInAs')}</small>
            <br />
            <strong>{email}</strong>
          </p>
          <button type="button" onClick={onSignOut}>
            {t('nav.signOut')}
          </button>
        </div>
      )}
    </div>
  );
}
