import { type FormEvent, useState } from 'react';
import { ApiRequestError } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { LabelledInput } from '../../components/labelled-input.tsx';
import { PasswordInput } from '../../components/password-input.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { LanguageSwitch } from '../layout/language-switch.tsx';
import { useSession } from './session.tsx';

interface SsoConfig {
  sso?: { name: string; passwordSignIn: boolean } | null;
}

export function SignInPage() {
  const { t } = useI18n();
  const { signIn, completeTwoFactor } = useSession();
  const config = useApi<SsoConfig>('/client-config');
  const sso = config.data?.sso ?? null;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Set once the password was right and the account has two-factor sign-in.
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(() => ssoError());

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (challenge) {
        await completeTwoFactor(challenge, code);
      } else {
        const out = await signIn(email, password);
        if (out.mfaChallenge) setChallenge(out.mfaChallenge);
      }
    } catch (err) {
      // 401 is the expected wrong-password (or wrong-code) case; anything else (429, network) says what it is.
      const unauthorized = err instanceof ApiRequestError && err.status === 401;
      if (challenge && unauthorized && /expired/.test((err as Error).message)) {
        setChallenge(null);
        setError(t('security.signIn.expired'));
      } else if (unauthorized) {
        setError(t(challenge ? 'security.signIn.wrongCode' : 'signIn.failed'));
      } else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        {challenge ? (
          <LabelledInput
            label={t('security.signIn.code')}
            help={t('security.signIn.codeHelp')}
            autoComplete="one-time-code"
            inputMode="text"
            required
            // Focused at once: the one field of this step, shown right after the password was accepted.
            autoFocus
            value={code}
            onValue={setCode}
          />
        ) : (
          <>
            <LabelledInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onValue={setEmail}
            />
            <PasswordInput label={t('signIn.password')} purpose="current" value={password} onValue={setPassword} />
          </>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.busy') : challenge ? t('security.signIn.verify') : t('signIn.submit')}
        </button>
        {sso && !challenge && (
          <a className="sso-button" href="/api/auth/oidc/start">
            {t('security.signIn.sso', { name: sso.name })}
          </a>
        )}
        <LanguageSwitch />
      </form>
    </main>
  );
}

/** A single sign-on that failed comes back here with `?sso_error=` naming why. */
function ssoError(): string | null {
  return new URLSearchParams(location.search).get('sso_error');
}
