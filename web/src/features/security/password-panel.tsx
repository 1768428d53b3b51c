import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** Change one's password; the server says why a weak one is refused (length, how guessable). */
export function PasswordPanel() {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      await api('/auth/password', {
        method: 'POST',
        body: JSON.stringify({ currentPassword: current, newPassword: next }),
      });
      setCurrent('');
      setNext('');
      setMessage({ ok: true, text: '' });
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  };
  return (
    <section className="security-card" aria-labelledby="password-title">
      <h2 id="password-title">{t('security.password.title')}</h2>
      <form onSubmit={submit} className="totp-enrol">
        <label>
          {t('security.password.current')}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <label>
          {t('security.password.new')}
          <input
            type="password"
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
          <small>{t('security.password.rule')}</small>
        </label>
        <button type="submit">{t('security.password.change')}</button>
      </form>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.ok ? t('security.password.changed') : message.text}
        </p>
      )}
    </section>
  );
}
