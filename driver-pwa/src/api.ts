/** The driver's token (kept on the phone) and the few HTTP calls the app makes. */
import type { DriverDay, DriverSession } from '@tournee/shared';

const KEY = 'tournee.driver.session';

export function savedSession(): DriverSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as DriverSession) : null;
  } catch {
    return null;
  }
}

export function saveSession(s: DriverSession | null) {
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const { token, ...rest } = init;
  const res = await fetch(`/api${path}`, {
    ...rest,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new HttpError(res.status, body?.error?.message ?? res.statusText);
  return body as T;
}

/** Exchanges the link's token or the typed code for a session. */
export const signIn = (input: { code: string } | { token: string }) =>
  call<DriverSession>('/driver/session', { method: 'POST', body: JSON.stringify(input) });

export const fetchDay = (token: string) => call<DriverDay>('/driver/routes/today', { token });

/** Uploads one proof file; 200 and 201 both mean stored. */
export const uploadProof = (token: string, stopId: string, body: unknown) =>
  call<unknown>(`/driver/stops/${stopId}/proof`, { method: 'POST', body: JSON.stringify(body), token });
