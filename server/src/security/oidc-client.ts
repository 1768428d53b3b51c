/**
 * Single sign-on with an OpenID Provider: Authorization Code flow with PKCE (`openid-client`).
 * The provider's metadata is discovered once (and again after a failure). `state`, `nonce` and
 * the PKCE verifier travel in a short-lived HttpOnly cookie between the start and the callback.
 */
import * as oidc from 'openid-client';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';

export type OidcConfig = Required<Pick<Config, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID'>> &
  Pick<Config, 'OIDC_CLIENT_SECRET' | 'OIDC_ROLE_CLAIM' | 'OIDC_NAME'>;

/** What the callback needs back from the start: in the flow cookie. */
export interface FlowState {
  state: string;
  nonce: string;
  verifier: string;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string;
  /** The claim OIDC_ROLE_CLAIM names, as given (a string or a list). */
  roleClaim: unknown;
}

const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

export function createOidcClient(config: OidcConfig) {
  let discovered: Promise<oidc.Configuration> | null = null;
  const issuer = new URL(config.OIDC_ISSUER);
  const discover = () => {
    discovered ??= oidc
      .discovery(
        issuer,
        config.OIDC_CLIENT_ID,
        config.OIDC_CLIENT_SECRET,
        undefined,
        // Plain http only for a provider on this machine (development, tests); else https.
        issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((err) => {
        discovered = null;
        throw new AppError('unavailable', `The single sign-on provider cannot be reached: ${(err as Error).message}`);
      });
    return discovered;
  };

  return {
    name: config.OIDC_NAME ?? 'SSO',
    /** The provider's authorization URL to send the browser to, and what to keep for the callback. */
    async start(redirectUri: string): Promise<{ url: string; flow: FlowState }> {
      const c = await discover();
      const flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
      const url = oidc.buildAuthorizationUrl(c, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      });
      return { url: url.href, flow };
    },
    /**
     * Exchanges the code (checking state, nonce and PKCE) for the ID token's identity. Throws on a
     * wrong state, a used or foreign code, a bad token.
     */
    async finish(callbackUrl: URL, flow: FlowState): Promise<OidcIdentity> {
      const c = await discover();
      const tokens = await oidc.authorizationCodeGrant(c, callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error('the provider answered no ID token');
      // Many providers put only `sub` in the ID token: the rest comes from the userinfo endpoint
      // (checked to be about the same subject).
      const claims: Record<string, unknown> =
        typeof idToken.email === 'string'
          ? idToken
          : { ...(await oidc.fetchUserInfo(c, tokens.access_token, idToken.sub)), ...idToken };
      return {
        issuer: idToken.iss,
        subject: idToken.sub,
        email: typeof claims.email === 'string' ? claims.email : null,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === 'string' ? claims.name : '',
        roleClaim: config.OIDC_ROLE_CLAIM ? claims[config.OIDC_ROLE_CLAIM] : undefined,
      };
    },
  };
}

export type OidcClient = ReturnType<typeof createOidcClient>;

export const encodeFlow = (f: FlowState) => Buffer.from(JSON.stringify(f)).toString('base64url');

export function decodeFlow(value: string | undefined): FlowState | null {
  if (!value) return null;
  try {
    const f = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<FlowState>;
    return typeof f.state === 'string' && typeof f.nonce === 'string' && typeof f.verifier === 'string'
      ? { state: f.state, nonce: f.nonce, verifier: f.verifier }
      : null;
  } catch {
    return null;
  }
}
