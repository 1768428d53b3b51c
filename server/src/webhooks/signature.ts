/**
 * `Tournee-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` — Stripe's scheme,
 * so receivers can use an existing verifier: recompute the HMAC with the subscription's secret,
 * compare in constant time, and refuse timestamps too far from their clock (replays).
 */
import { createHmac, randomBytes } from 'node:crypto';

export const SIGNATURE_HEADER = 'Tournee-Signature';

export function signatureHeader(secret: string, body: string, unixS: number): string {
  const mac = createHmac('sha256', secret).update(`${unixS}.${body}`).digest('hex');
  return `t=${unixS},v1=${mac}`;
}

/** A signing secret for a subscription created without one. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;
