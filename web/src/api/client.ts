import type { ApiError } from '@tournee/shared';
import { initialLocale } from '../i18n/i18n.tsx';

/** An API failure with the server's code and message (which names the bad field). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * Calls the API with the session cookie (HttpOnly, set at sign-in), so a reload keeps the
 * session without the token ever reaching JavaScript storage.
 */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
  // The server explains bad input in the app's language where it can (imports).
  if (!headers.has('accept-language')) headers.set('accept-language', initialLocale());
  const res = await fetch(`/api${path}`, { ...init, headers, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as ApiError | null)?.error;
    throw new ApiRequestError(res.status, err?.code ?? 'internal', err?.message ?? res.statusText, err?.details);
  }
  return body as T;
}

/** A query string from defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
