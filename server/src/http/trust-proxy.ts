import type { IncomingMessage } from 'node:http';

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

/**
 * The client's address of a request, as Express's `req.ip` reads it: the TCP peer, or the
 * X-Forwarded-For hop the trusted proxies vouch for. `trust` is the app's compiled setting
 * (`app.get('trust proxy fn')`); for requests Express does not see (Socket.IO handshakes).
 */
export function clientAddress(req: IncomingMessage, trust: (addr: string, hop: number) => boolean): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .reverse();
  const hops = [peer, ...forwarded];
  // Walk from the peer towards the client while each hop is a trusted proxy (proxy-addr's rule).
  for (let i = 0; i < hops.length - 1; i++) if (!trust(hops[i]!, i)) return hops[i]!;
  return hops[hops.length - 1]!;
}
