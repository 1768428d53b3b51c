import { createHash, randomBytes } from 'node:crypto';

/** Every API key starts with this, so secret scanners and our middleware recognise it. */
export const API_KEY_PREFIX = 'tk_live_';

/** A new key: the prefix and 192 random bits, URL-safe. */
export function newApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
}

/** Keys are stored as their SHA-256 (hex): a leaked database does not leak keys. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** What the list shows of a key: enough to recognise it, far too little to use it. */
export const displayPrefix = (key: string) => `${key.slice(0, API_KEY_PREFIX.length + 4)}…`;

export const isApiKey = (token: string) => token.startsWith('tk_');
