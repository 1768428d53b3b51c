/** Sign-in: the link's `#token=` is exchanged on load; otherwise the driver types the code. */
import type { DriverSession } from '@tournee/shared';
import { useEffect, useState } from 'react';
import { signIn } from '../api.ts';
import { useI18n } from '../i18n.ts';

export function SignIn({ onSignedIn }: { onSignedIn(s: DriverSession): void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const attempt = async (input: { code: string } | { token: string }) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(input));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  // Once, on load: the link's token is read and exchanged.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once; `attempt` only sets state
  useEffect(() => {
    const token = new URLSearchParams(location.hash.slice(1)).get('token');
    if (token) {
      // The token leaves the address bar (and the history) once read.
      history.replaceState(null, '', location.pathname);
      void attempt({ token });
    }
  }, []);

  return (
    <main className="sign-in">
      <h1>{t.appName}</h1>
      <p>{t.signInHelp}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void attempt({ code });
        }}
      >
        <label>
          {t.code}
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoCapitalize="characters"
            autoComplete="one-time-code"
            placeholder="ABCD-EFGH"
          />
        </label>
        <button type="submit" className="primary big" disabled={busy || code.trim().length < 4}>
          {busy ? t.signingIn : t.signIn}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}
