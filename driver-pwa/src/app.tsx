import type { DriverSession } from '@tournee/shared';
import { useCallback, useMemo, useState } from 'react';
import { savedSession, saveSession } from './api.ts';
import { SignIn } from './features/sign-in.tsx';
import { Today } from './features/today.tsx';
import { I18n, initialLocale, type Locale, MESSAGES } from './i18n.ts';
import { clearAll } from './outbox/store.ts';

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [session, setSession] = useState<DriverSession | null>(() => {
    const s = savedSession();
    // A link opened on a phone already signed in (maybe as someone else) signs in again.
    return s && !location.hash.includes('token=') ? s : null;
  });
  const i18n = useMemo(
    () => ({
      t: MESSAGES[locale],
      locale,
      setLocale: (l: Locale) => {
        localStorage.setItem('tournee.locale', l);
        setLocaleState(l);
      },
    }),
    [locale],
  );
  const signedIn = useCallback((s: DriverSession) => {
    const previous = savedSession();
    // Another driver on this phone: the previous one's cached day is not theirs. (The outbox is
    // kept when the same driver signs in again, so nothing waiting is lost.)
    if (previous && previous.driver.id !== s.driver.id) void clearAll();
    saveSession(s);
    setSession(s);
  }, []);
  const signOut = useCallback(() => {
    saveSession(null);
    setSession(null);
  }, []);
  return (
    <I18n.Provider value={i18n}>
      {session ? <Today session={session} onSignOut={signOut} /> : <SignIn onSignedIn={signedIn} />}
    </I18n.Provider>
  );
}
