/**
 * Single sign-on (when OIDC_ISSUER and OIDC_CLIENT_ID are set):
 *   GET /api/auth/oidc/start      → the provider's sign-in page (Authorization Code + PKCE)
 *   GET /api/auth/oidc/callback   → a session cookie and the app; a refusal comes back to the
 *                                    sign-in page with `?sso_error=` saying why
 */
import { parseCookie } from 'cookie';
import { type Request, Router } from 'express';
import { setSessionCookie } from '../auth/cookie.ts';
import { openSession } from '../auth/service.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { createOidcClient, decodeFlow, encodeFlow } from './oidc-client.ts';
import { SsoRefused, userForIdentity } from './oidc-accounts.ts';
import { recordSsoFailure } from './oidc-repo.ts';

const FLOW_COOKIE = 'tournee_oidc';
const FLOW_PATH = '/api/auth/oidc';

export function oidcRoutes(db: Db, config: Config, log?: Logger): Router {
  const router = Router();
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID) return router;
  const client = createOidcClient({
    ...config,
    OIDC_ISSUER: config.OIDC_ISSUER,
    OIDC_CLIENT_ID: config.OIDC_CLIENT_ID,
  });
  // Where the provider sends the browser back: PUBLIC_URL when set, else this request's own address.
  const base = (req: Request) => config.PUBLIC_URL?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host')}`;
  const callbackUrl = (req: Request) => `${base(req)}${FLOW_PATH}/callback`;

  router.get('/auth/oidc/start', async (req, res) => {
    const { url, flow } = await client.start(callbackUrl(req));
    res.cookie(FLOW_COOKIE, encodeFlow(flow), {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.COOKIE_SECURE,
      path: FLOW_PATH,
      maxAge: 10 * 60_000,
    });
    res.redirect(302, url);
  });

  router.get('/auth/oidc/callback', async (req, res) => {
    const flow = decodeFlow(req.headers.cookie ? parseCookie(req.headers.cookie)[FLOW_COOKIE] : undefined);
    // One use: the flow cookie goes whatever happens next.
    res.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
    const back = (reason: string) => res.redirect(302, `/?sso_error=${encodeURIComponent(reason)}`);
    if (!flow) return back('This single sign-on has expired; start again');
    const ip = req.ip ?? 'unknown';
    const here = new URL(req.originalUrl, base(req));
    // Checked here too (openid-client checks it as well) to say plainly what was wrong.
    if (here.searchParams.get('state') !== flow.state) {
      await recordSsoFailure(db, null, { ip, method: 'oidc', reason: 'state mismatch' });
      return back('The answer of the sign-in provider does not match this browser’s request (state); start again');
    }
    try {
      const identity = await client.finish(here, flow);
      const user = await userForIdentity(db, identity, ip);
      const session = await openSession(db, user, config.SESSION_TTL_HOURS, {
        ip,
        userAgent: req.get('user-agent') ?? null,
      });
      setSessionCookie(res, config, session);
      res.redirect(302, '/');
    } catch (err) {
      if (err instanceof SsoRefused) return back(err.message);
      log?.warn({ err }, 'single sign-on refused');
      // The provider's own error (e.g. `invalid_grant`: a code used twice or expired).
      const code = (err as { error?: unknown }).error;
      const reason =
        code === 'invalid_grant'
          ? 'the sign-in code was already used or has expired (invalid_grant)'
          : (err as Error).message;
      await recordSsoFailure(db, null, { ip, method: 'oidc', reason });
      return back(`Single sign-on failed: ${reason}; start again`);
    }
  });
  return router;
}
