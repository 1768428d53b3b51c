/**
 * Express's "trust proxy" setting from TRUST_PROXY. Unset means no proxy is trusted: `req.ip`
 * is the TCP peer, so a client cannot pick its own address for rate limits by sending
 * X-Forwarded-For. `true`/`false`, a hop count (`1`: the nearest proxy), or a comma-separated
 * list of addresses, subnets and Express's names (`loopback`, `linklocal`, `uniquelocal`).
 * Express rejects an invalid address when the setting is applied, so a typo fails at start-up.
 */
export function trustProxySetting(value: string | undefined): boolean | number | string[] {
  const v = value?.trim() ?? '';
  if (v === '' || v.toLowerCase() === 'false') return false;
  if (v.toLowerCase() === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
