import type { Driver, DriverAccess } from '@tournee/shared';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { dateTimeFormat } from '../../i18n/format.ts';

type Channel = 'sms' | 'email';
type Panel =
  | { at: 'closed' }
  | { at: 'issuing' }
  | { at: 'open'; access: DriverAccess; qr: string | null; note: string | null; error: string | null }
  | { at: 'revoked' }
  | { at: 'failed'; error: string };

/**
 * "Send access" on a driver row: issues a sign-in link and code (POST /drivers/:id/access) and
 * shows them in a panel with the link's QR code, to scan from the driver's phone; the same link
 * can be queued by SMS or email (the outbox), and "Revoke" ends every link, code and device.
 */
export function DriverAccessAction({ driver }: { driver: Driver }) {
  const { t, locale } = useI18n();
  const [panel, setPanel] = useState<Panel>({ at: 'closed' });
  const open = panel.at === 'open' ? panel : null;
  const link = open?.access.link;

  // The QR code is drawn once per link (a data URL, so the image is also a plain <img>).
  useEffect(() => {
    if (!link) return;
    let live = true;
    QRCode.toDataURL(link, { margin: 1, width: 220 }).then(
      (qr) => live && setPanel((p) => (p.at === 'open' && p.access.link === link ? { ...p, qr } : p)),
      () => undefined, // the link and code are still shown beside it
    );
    return () => {
      live = false;
    };
  }, [link]);

  async function issue() {
    setPanel({ at: 'issuing' });
    try {
      const access = await api<DriverAccess>(`/drivers/${driver.id}/access`, { method: 'POST', body: '{}' });
      setPanel({ at: 'open', access, qr: null, note: null, error: null });
    } catch (e) {
      setPanel({ at: 'failed', error: (e as Error).message });
    }
  }

  async function send(channel: Channel) {
    if (!open) return;
    try {
      const out = await api<{ recipient: string; queued: boolean }>(`/drivers/${driver.id}/access/send`, {
        method: 'POST',
        body: JSON.stringify({ channel, token: open.access.token, locale }),
      });
      const note = t(out.queued ? 'access.queued' : 'access.alreadyQueued', { to: out.recipient });
      setPanel({ ...open, note, error: null });
    } catch (e) {
      setPanel({ ...open, note: null, error: (e as Error).message });
    }
  }

  async function revoke() {
    try {
      await api(`/drivers/${driver.id}/access`, { method: 'DELETE' });
      setPanel({ at: 'revoked' });
    } catch (e) {
      if (open) setPanel({ ...open, note: null, error: (e as Error).message });
    }
  }

  const close = () => setPanel({ at: 'closed' });
  const button = (
    <button
      type="button"
      title={t('access.sendNamed', { name: driver.name })}
      disabled={panel.at === 'issuing'}
      onClick={() => void issue()}
    >
      {t('access.send')}
    </button>
  );
  if (panel.at === 'closed' || panel.at === 'issuing') return button;
  const expires = open
    ? dateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(
        new Date(open.access.expiresAt),
      )
    : '';
  return (
    <>
      {button}
      <div className="access-backdrop">
        <div
          role="dialog"
          aria-modal="true"
          tabIndex={-1}
          ref={(el) => el?.focus()}
          onKeyDown={(e) => e.key === 'Escape' && close()}
          aria-label={t('access.title', { name: driver.name })}
          className="access-panel"
        >
          <h2 style={{ marginTop: 0 }}>{t('access.title', { name: driver.name })}</h2>
          {panel.at === 'failed' && (
            <p role="alert" className="error">
              {panel.error}
            </p>
          )}
          {panel.at === 'revoked' && <p role="status">{t('access.revoked')}</p>}
          {open && (
            <>
              <p>{t('access.scan')}</p>
              {open.qr && (
                <img src={open.qr} data-link={open.access.link} alt={t('access.qr')} width={220} height={220} />
              )}
              <dl style={FACTS}>
                <dt>{t('access.link')}</dt>
                <dd>
                  <a href={open.access.link} data-testid="access-link" style={{ wordBreak: 'break-all' }}>
                    {open.access.link}
                  </a>
                </dd>
                <dt>{t('access.code')}</dt>
                <dd>
                  <strong style={{ fontSize: '1.4rem', letterSpacing: '0.1em' }}>{open.access.code}</strong>
                </dd>
                <dt>{t('access.expires')}</dt>
                <dd>{expires}</dd>
              </dl>
              <div className="row-actions">
                {(['sms', 'email'] as const).map((c) => {
                  const missing = c === 'sms' ? !driver.phone : !driver.email;
                  return (
                    <button
                      key={c}
                      type="button"
                      disabled={missing}
                      title={
                        missing
                          ? t(c === 'sms' ? 'access.noPhone' : 'access.noEmail', { name: driver.name })
                          : undefined
                      }
                      onClick={() => void send(c)}
                    >
                      {t(c === 'sms' ? 'access.bySms' : 'access.byEmail')}
                    </button>
                  );
                })}
                <button type="button" className="danger" onClick={() => void revoke()}>
                  {t('access.revoke')}
                </button>
                <button type="button" onClick={close}>
                  {t('access.close')}
                </button>
              </div>
              {open.note && <p role="status">{open.note}</p>}
              {open.error && (
                <p role="alert" className="error">
                  {open.error}
                </p>
              )}
            </>
          )}
          {!open && (
            <button type="button" onClick={close}>
              {t('access.close')}
            </button>
          )}
        </div>
      </div>
    </>
  );
}

const FACTS = {
  display: 'grid',
  gridTemplateColumns: 'auto 1fr',
  gap: '0.3rem 0.8rem',
  alignItems: 'baseline',
} as const;
