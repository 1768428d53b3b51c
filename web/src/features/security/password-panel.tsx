import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { PasswordInput } from '../../components/password-input.tsx';
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
        <PasswordInput label={t('security.password.current')} purpose="current" value={current} onValue={setCurrent} />
        <PasswordInput
          label={t('security.password.new')}
          purpose="new"
          value={next}
          onValue={setNext}
          help={t('security.password.rule')}
        />
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
