import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { launchChromium } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'sso-admin@example.com', password: 'e2e-password-sso' };
const CLIENT = { id: 'tournee', secret: 'a-long-client-secret-for-the-test-provider' };

// Single sign-on against a real OpenID Provider (`oidc-provider`, its development login and consent
// pages) on 127.0.0.1: the full flow in Chromium, and the refusals (wrong state, replayed code,
// unverified email, disabled user, unknown user without auto-provisioning).
describe('single sign-on (OIDC, Authorization Code + PKCE)', () => {
  let idp: Server;
  let issuer = '';
  let server: ServerProcess;
  let browser: Browser;
  let api: ApiClient;
  const contexts: BrowserContext[] = [];
  let page: Page | undefined;

  beforeAll(async () => {
    // The provider's port first (the server must know its issuer), its configuration once the
    // server's address (the redirect URI) is known.
    let handler: (req: IncomingMessage, res: ServerResponse) => void = (_q, s) => s.writeHead(503).end();
    idp = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    ({ server } = await startOnFreshDatabase('tournee_e2e_sso', ADMIN, {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
      OIDC_ROLE_CLAIM: 'tournee_role',
      OIDC_NAME: 'Acme ID',
    }));
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT.id,
          client_secret: CLIENT.secret,
          redirect_uris: [`${server.baseUrl}/api/auth/oidc/callback`],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      // The login typed on the provider's page is the account: `unverified-…` has an unverified email.
      async findAccount(_ctx, id) {
        return {
          accountId: id,
          async claims() {
            return {
              sub: id,
              email: id.replace(/^unverified-/, ''),
              email_verified: !id.startsWith('unverified-'),
              name: 'Dana Dupont',
              tournee_role: 'viewer',
            };
          },
        };
      },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'tournee_role'] },
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ['provider-cookie-key-for-the-test'] },
    });
    handler = provider.callback();
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    for (const [email, role] of [
      ['dana@example.com', 'dispatcher'],
      ['gone@example.com', 'dispatcher'],
    ]) {
      expect((await api.call('POST', '/users', { email, name: email, role })).status).toBe(201);
    }
    const users = (await api.call('GET', '/users')).body.items as { id: string; email: string }[];
    const gone = users.find((u) => u.email === 'gone@example.com')!;
    expect((await api.call('POST', `/users/${gone.id}/disable`)).status).toBe(200);
    browser = await launchChromium();
  });

  screenshotFailures('web-sso', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => idp?.close(resolve));
  });

  async function newPage(locale = 'en-GB') {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
    contexts.push(context);
    page = await context.newPage();
    return { context, page };
  }

  /** Signs `login` in on the provider's pages (the dev login form, then consent). */
  async function atProvider(p: Page, login: string) {
    await p.locator('input[name="login"]').fill(login);
    await p.locator('input[name="password"]').fill('anything');
    await p.getByRole('button', { name: 'Sign-in' }).click();
    await p.getByRole('button', { name: 'Continue' }).click();
  }

  /**
   * Runs the whole flow in a browser for `login`: where it ended (the app, or the sign-in page with
   * `sso_error`), and the callback request it made (URL and flow cookie) to replay or forge.
   */
  async function flowFor(login: string) {
    const { page: p } = await newPage();
    let sent: { url: URL; cookie: string } | null = null;
    p.on('request', async (req) => {
      if (!req.url().startsWith(`${server.baseUrl}/api/auth/oidc/callback`)) return;
      const cookie =
        ((await req.allHeaders()).cookie ?? '').split(/;\s*/).find((c) => c.startsWith('tournee_oidc=')) ?? '';
      sent = { url: new URL(req.url()), cookie };
    });
    await p.goto(`${server.baseUrl}/api/auth/oidc/start`);
    await atProvider(p, login);
    await expect.poll(() => sent !== null && !p.url().includes('/api/auth/')).toBe(true);
    await p.waitForLoadState();
    const ended = new URL(p.url());
    const me = await p.evaluate(async () => (await fetch('/api/auth/me')).status);
    return { page: p, sent: sent!, error: ended.searchParams.get('sso_error'), signedIn: me === 200 };
  }

  const callback = (url: URL, cookie: string) => fetch(url, { headers: { cookie }, redirect: 'manual' });
  const refusal = (res: Response) => {
    expect(res.status).toBe(302);
    expect(res.headers.get('set-cookie') ?? '').not.toContain('tournee_session=');
    return new URL(res.headers.get('location')!, server.baseUrl).searchParams.get('sso_error');
  };

  it('signs an invited user in through the provider, from the sign-in page’s button', async () => {
    const { page: p } = await newPage();
    await p.goto(server.baseUrl);
    const button = p.getByRole('link', { name: 'Sign in with Acme ID' });
    await button.waitFor();
    await saveScreenshot(p, 'sso-sign-in-en');
    await button.click();
    await p.locator('input[name="login"]').waitFor();
    await atProvider(p, 'dana@example.com');
    await p.getByRole('link', { name: 'Orders' }).waitFor();
    // The header's account button carries the signed-in user's email as its title.
    await expect
      .poll(() => p.getByRole('button', { name: 'Account', exact: true }).getAttribute('title'))
      .toBe('dana@example.com');
    await saveScreenshot(p, 'sso-signed-in-en');
    // PKCE was used: the provider's authorization request carried an S256 challenge.
    const audit = (await api.call('GET', '/audit?limit=20')).body.items as {
      action: string;
      details: { email?: string };
    }[];
    expect(audit.some((e) => e.action === 'auth.sign_in' && e.details.email === 'dana@example.com')).toBe(true);
  });

  it('the French sign-in page says “Se connecter avec …”', async () => {
    const { page: p } = await newPage('fr-FR');
    await p.goto(server.baseUrl);
    await p.getByRole('combobox').first().selectOption('fr');
    await p.getByRole('link', { name: 'Se connecter avec Acme ID' }).waitFor();
    await saveScreenshot(p, 'sso-sign-in-fr');
  });

  it('refuses a wrong state, and a replayed code', async () => {
    const done = await flowFor('dana@example.com');
    expect(done.signedIn).toBe(true);
    expect(done.sent.cookie).toMatch(/^tournee_oidc=/);
    // The browser's callback, with another state: refused before the code is even exchanged.
    const forged = new URL(done.sent.url);
    forged.searchParams.set('state', 'not-the-state');
    expect(refusal(await callback(forged, done.sent.cookie))).toMatch(/state/i);
    // The same callback again (same code, same flow cookie): the code was used, the provider refuses it.
    expect(refusal(await callback(done.sent.url, done.sent.cookie))).toMatch(/grant|code|invalid/i);
  });

  it('refuses an unverified email, a disabled user, and an unknown one without auto-provisioning', async () => {
    const unverified = await flowFor('unverified-dana@example.com');
    expect(unverified.error).toMatch(/no verified email/);
    expect(unverified.signedIn).toBe(false);
    const disabled = await flowFor('gone@example.com');
    expect(disabled.error).toMatch(/disabled/);
    expect(disabled.signedIn).toBe(false);
    // The refusal is shown on the sign-in page.
    await disabled.page
      .getByRole('alert')
      .getByText(/This account is disabled/)
      .waitFor();
    await saveScreenshot(disabled.page, 'sso-refused-en');
    const unknown = await flowFor('new@example.com');
    expect(unknown.error).toMatch(/No account for new@example.com/);
    expect(unknown.signedIn).toBe(false);
  });

  it('with auto-provisioning on, creates the user with the role its claim maps to', async () => {
    expect((await api.call('PATCH', '/security/settings', { security: { oidcAutoProvision: true } })).status).toBe(200);
    const created = await flowFor('newcomer@example.com');
    expect(created.error).toBeNull();
    expect(created.signedIn).toBe(true);
    const users = (await api.call('GET', '/users')).body.items as { email: string; role: string }[];
    expect(users.find((u) => u.email === 'newcomer@example.com')?.role).toBe('viewer');
  });

  it('password sign-in can be turned off for the organisation (staff then use single sign-on)', async () => {
    expect((await api.call('PATCH', '/security/settings', { security: { passwordSignIn: false } })).status).toBe(200);
    const res = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/single sign-on/);
    expect((await api.call('PATCH', '/security/settings', { security: { passwordSignIn: true } })).status).toBe(200);
  });
});
