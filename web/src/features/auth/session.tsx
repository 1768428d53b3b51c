import type { LoginResponse, User } from '@tournee/shared';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiRequestError, api } from '../../api/client.ts';

type SessionState = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; user: User };

interface Session {
  state: SessionState;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Asks the server who we are on load, so the HttpOnly cookie carries the session across reloads. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    api<{ user: User }>('/auth/me').then(
      ({ user }) => setState({ status: 'signed-in', user }),
      () => setState({ status: 'signed-out' }),
    );
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const out = await api<LoginResponse>('/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });
    setState({ status: 'signed-in', user: out.user });
  }, []);

  const signOut = useCallback(async () => {
    await api('/auth/logout', { method: 'POST' }).catch((err) => {
      if (!(err instanceof ApiRequestError && err.status === 401)) throw err;
    });
    setState({ status: 'signed-out' });
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
