import type { TotpEnabled, TotpEnrollment, TotpStatus } from '@tournee/shared';
import QRCode from 'qrcode';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { LabelledInput } from '../../components/labelled-input.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { AsyncState } from '../layout/async-state.tsx';

/**
 * Two-factor sign-in for the signed-in user: scan the QR code (or type the key) in an
 * authenticator app, confirm with its first code, keep the ten recovery codes shown once.
 */
export function TwoFactorPanel({ onEnabled }: { onEnabled?: () => void }) {
  const { t } = useI18n();
  const status = useApi<TotpStatus>('/auth/totp');
  const [enrolment, setEnrolment] = useState<TotpEnrollment | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!enrolment) return;
    QRCode.toDataURL(enrolment.otpauthUri, { margin: 1, width: 200 }).then(setQr, () => setQr(null));
  }, [enrolment]);

  const run = async (f: () => Promise<void>) => {
    setError(null);
    try {
      await f();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const start = () => run(async () => setEnrolment(await api<TotpEnrollment>('/auth/totp/enroll', { method: 'POST' })));
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const out = await api<TotpEnabled>('/auth/totp/verify', { method: 'POST', body: JSON.stringify({ code }) });
      setCodes(out.recoveryCodes);
      setEnrolment(null);
      setCode('');
      status.reload();
    });
  };
  const turnOff = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api('/auth/totp/disable', { method: 'POST', body: JSON.stringify({ code }) });
      setCode('');
      status.reload();
    });
  };

  // Both forms ask for a code; only turning on holds it to six digits (turning off takes a recovery code too).
  const codeField = (label: string, digits?: { inputMode: 'numeric'; pattern: string }) => (
    <LabelledInput label={label} {...digits} autoComplete="one-time-code" required value={code} onValue={setCode} />
  );

  return (
    <section className="security-card" aria-labelledby="totp-title">
      <h2 id="totp-title">{t('security.totp.title')}</h2>
      <AsyncState loading={status.loading} error={status.error} onRetry={status.reload}>
        {status.data && (
          <>
            <p>
              {status.data.enabled
                ? t('security.totp.on', { left: status.data.recoveryCodesLeft })
                : t('security.totp.off')}
              {status.data.required && ` ${t('security.totp.required')}`}
            </p>
            {codes && (
              <section className="recovery-codes" aria-label={t('security.totp.codesTitle')}>
                <h3>{t('security.totp.codesTitle')}</h3>
                <p>{t('security.totp.codesHelp')}</p>
                <ol>
                  {codes.map((c) => (
                    <li key={c}>
                      <code>{c}</code>
                    </li>
                  ))}
                </ol>
                <button
                  type="button"
                  onClick={() => {
                    setCodes(null);
                    onEnabled?.();
                  }}
                >
                  {t('security.totp.codesSaved')}
                </button>
              </section>
            )}
            {!status.data.enabled && !enrolment && (
              <button type="button" onClick={() => void start()}>
                {t('security.totp.start')}
              </button>
            )}
            {enrolment && (
              <form onSubmit={confirm} className="totp-enrol">
                <p>{t('security.totp.scan')}</p>
                {qr && <img src={qr} alt={t('security.totp.qrAlt')} width={200} height={200} />}
                <p>
                  {t('security.totp.key')} <code className="totp-secret">{enrolment.secret}</code>
                </p>
                {codeField(t('security.totp.firstCode'), { inputMode: 'numeric', pattern: '\\d{6}' })}
                <button type="submit">{t('security.totp.confirm')}</button>
              </form>
            )}
            {status.data.enabled && !status.data.required && !codes && (
              <form onSubmit={turnOff} className="totp-enrol">
                {codeField(t('security.totp.offCode'))}
                <button type="submit">{t('security.totp.turnOff')}</button>
              </form>
            )}
            {error && (
              <p role="alert" className="error">
                {error}
              </p>
            )}
          </>
        )}
      </AsyncState>
    </section>
  );
}
