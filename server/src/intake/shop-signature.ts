/**
 * Shop webhook signatures: Shopify's `X-Shopify-Hmac-Sha256` and WooCommerce's
 * `X-WC-Webhook-Signature` are both the base64 HMAC-SHA256 of the raw body with the shop's
 * webhook secret. Compared in constant time, over the bytes as received (never re-serialised JSON).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function shopSignature(secret: string, raw: Buffer): string {
  return createHmac('sha256', secret).update(raw).digest('base64');
}

export function signatureMatches(secret: string, raw: Buffer, given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(shopSignature(secret, raw), 'base64');
  const got = Buffer.from(given.trim(), 'base64');
  return got.length === expected.length && timingSafeEqual(got, expected);
}
