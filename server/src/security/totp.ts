/**
 * TOTP (RFC 6238) with the `otpauth` library: 6 digits, 30 s steps, SHA-1 (what every
 * authenticator app reads), one step of clock drift either way. A code is accepted only for a
 * time step later than the last one accepted, so a code seen over a shoulder cannot be replayed
 * within its window.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const PERIOD_S = 30;
const WINDOW = 1;

const totpFor = (secretBase32: string, label = '', issuer = 'Tournée') =>
  new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret: Secret.fromBase32(secretBase32) });

/** A new 160-bit secret, in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://totp/…` URI the app scans (as a QR code) or the user types. */
export function otpauthUri(secretBase32: string, accountEmail: string, issuer: string): string {
  return totpFor(secretBase32, accountEmail, issuer).toString();
}

/** The code of the moment `atMs` (tests play the authenticator app with it). */
export function totpCode(secretBase32: string, atMs = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp: atMs });
}

/**
 * The time step a code belongs to when it is valid now (±1 step) and later than `lastStep`;
 * null when it is wrong, out of its window, or already used.
 */
export function acceptedStep(
  secretBase32: string,
  code: string,
  lastStep: number | null,
  nowMs = Date.now(),
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: nowMs, window: WINDOW });
  if (delta === null) return null;
  const step = Math.floor(nowMs / 1000 / PERIOD_S) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** Ten recovery codes like `k7p2-9xq4-m3ad`: 60 bits each, easy to read out and type. */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** Recovery codes are random (not chosen), so a plain SHA-256 is enough to keep them unreadable. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase().replace(/\s+/g, '')).digest('base64url');
}
