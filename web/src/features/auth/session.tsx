import type { LoginOutcome, LoginResponse, TotpStatus, User } from '@tournee/shared';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiRequestError, api } from '../../api/client.ts';
import { EnrolGate } from '../security/enrol-gate.tsx';

type SessionState = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; user: User };

interface Session {
  state: SessionState;
  /** Answers the two-factor challenge when the account has it (the code is asked next). */
  signIn(email: string, password: string): Promise<{ mfaChallenge?: string }>;
  /** The second step: the app's code (or a recovery code) for the challenge. */
  completeTwoFactor(challenge: string, code: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * Asks the server who we are on load, so the HttpOnly cookie carries the session across reloads.
 * A user whose organisation requires two-factor sign-in, without it, sees only its enrolment.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [mustEnrol, setMustEnrol] = useState(false);

  const enter = useCallback(async (user: User) => {
    const status =
      user.role === 'driver' ? null : await api<TotpStatus>('/auth/totp').catch((): TotpStatus | null => null);
    setMustEnrol(Boolean(status?.required && !status.enabled));
    setState({ status: 'signed-in', user });
  }, []);

  useEffect(() => {
    api<{ user: User }>('/auth/me').then(
      ({ user }) => enter(user),
      () => setState({ status: 'signed-out' }),
    );
  }, [enter]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const out = await api<LoginOutcome>('/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });
      if ('mfaRequired' in out) return { mfaChallenge: out.challenge };
      await enter(out.user);
      return {};
    },
    [enter],
  );

  const completeTwoFactor = useCallback(
    async (challenge: string, code: string) => {
      const out = await api<LoginResponse>('/auth/totp', { method: 'POST', body: JSON.stringify({ challenge, code }) });
      await enter(out.user);
    },
    [enter],
  );

  const signOut = useCallback(async () => {
    await api('/auth/logout', { method: 'POST' }).catch((err) => {
      if (!(err instanceof ApiRequestError && err.status === 401)) throw err;
    });
    setMustEnrol(false);
    setState({ status: 'signed-out' });
  }, []);

  const value = useMemo(
    () => ({ state, signIn, completeTwoFactor, signOut }),
    [state, signIn, completeTwoFactor, signOut],
  );
  return (
    <SessionContext.Provider value={value}>
      {state.status === 'signed-in' && mustEnrol ? <EnrolGate onDone={() => setMustEnrol(false)} /> : children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/**
 * Whether the signed-in user may change things: false for a viewer (issue 18: read-only; the
 * server refuses their writes, so the screens hide or disable the buttons that would try).
 */
export function useCanWrite(): boolean {
  const { state } = useSession();
  return state.status === 'signed-in' && state.user.role !== 'viewer';
}
