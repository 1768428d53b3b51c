import { type FormEvent, useState } from 'react';
import { ApiRequestError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { LanguageSwitch } from '../layout/language-switch.tsx';
import { useSession } from './session.tsx';

export function SignInPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
    } catch (err) {
      // 401 is the expected wrong-password case; anything else (429, network) says what it is.
      setError(err instanceof ApiRequestError && err.status === 401 ? t('signIn.failed') : (err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <label>
          {t('signIn.email')}
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('signIn.password')}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
