import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { seedDriverInto, trackingLinkInto } from '../lib/driver-day.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

// Issue 11, item 10: security headers on every response — an API answer, a page, a 404 and an
// error — with a CSP that lets the map style's host through, and HSTS only behind https; and the
// three browser apps still run under that policy (no violation reported in Chromium).

const ADMIN = { email: 'headers@example.com', password: 'fault-password-5' };
// The map style lives on another origin (another port), as a tile provider's would.
const STYLE = {
  version: 8,
  sources: {},
  layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef' } }],
};

const directives = (csp: string | null) =>
  new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );

describe('security headers', () => {
  let http: ServerProcess;
  let https: ServerProcess;
  let databaseUrl: string;
  let styles: Server;
  let styleOrigin: string;
  let styleRequests = 0;
  beforeAll(async () => {
    styles = createServer((_req, res) => {
      styleRequests++;
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify(STYLE));
    });
    await new Promise<void>((resolve) => styles.listen(0, '127.0.0.1', resolve));
    styleOrigin = `http://127.0.0.1:${(styles.address() as AddressInfo).port}`;
    ({ server: http, databaseUrl } = await startOnFreshDatabase('tournee_fault_http_headers', ADMIN, {
      MAP_STYLE_URL: `${styleOrigin}/styles/plain.json`,
      LOG_LEVEL: 'warn',
    }));
    // A second server announced as https (as behind a TLS-terminating proxy).
    https = (
      await startOnFreshDatabase('tournee_fault_http_headers_tls', ADMIN, {
        PUBLIC_URL: 'https://tournee.example.org',
        LOG_LEVEL: 'warn',
      })
    ).server;
  });
  afterAll(async () => {
    await Promise.all([http?.stop(), https?.stop()]);
    styles?.close();
  });

  const answers = [
    ['an API answer', '/api/health', 200],
    ['a page', '/', 200],
    ['the driver app', '/driver/', 200],
    ['an API 404', '/api/no-such-route', 404],
    ['an API error', '/api/auth/me', 401],
    ['a tracking link that does not exist', '/t/not-a-token', 404],
  ] as const;

  it.each(answers)('sends them on %s', async (_what, path, status) => {
    const res = await fetch(`${http.baseUrl}${path}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toMatch(/^(strict-origin-when-cross-origin|no-referrer)$/);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    // The map style, its tiles and glyphs come from the style's host; MapLibre's worker from a blob or us.
    expect(csp.get('connect-src')).toContain(styleOrigin);
    expect(csp.get('img-src')).toContain(styleOrigin);
    expect(csp.get('worker-src')).toEqual(expect.arrayContaining(["'self'", 'blob:']));
    // Plain http: no HSTS, and no upgrade of same-origin requests to an https that is not there.
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
  });

  it('keeps tracking-link URLs out of Referer headers', async () => {
    const res = await fetch(`${http.baseUrl}/t/not-a-token`);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('sends HSTS only when PUBLIC_URL is https', async () => {
    const res = await fetch(`${https.baseUrl}/api/health`);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect(directives(res.headers.get('content-security-policy')).has('upgrade-insecure-requests')).toBe(true);
  });

  describe('the apps under the policy', () => {
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1200, height: 800 }, locale: 'en-GB' });
      // Every violation, in the page or its workers, is reported to the console and as an event.
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      page.on('console', (m) => {
        // zod probes once whether it may compile validators (`try { Function('') } catch {}`) and
        // parses without when refused: that refusal is expected (the policy has no 'unsafe-eval').
        if (m.text() === 'CSP violation: script-src eval') return;
        if (/Content Security Policy|CSP violation/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
      });
    });
    afterAll(() => browser?.close());
    screenshotFailures('http-headers', () => page);
    const violations: string[] = [];

    it('runs the dispatcher app with its map on the style host, the driver app and a tracking page', async () => {
      await page.goto(http.baseUrl);
      await signInOnPage(page, ADMIN);
      await page.getByRole('link', { name: 'Planner' }).click();
      // MapLibre (its worker included) loaded the style from the other origin and drew it.
      const styleLoaded = () =>
        page.evaluate(
          () => (window.__tourneeMap as { isStyleLoaded?(): boolean } | undefined)?.isStyleLoaded?.() ?? false,
        );
      await expect.poll(styleLoaded).toBe(true);
      expect(styleRequests).toBeGreaterThan(0);

      await page.goto(`${http.baseUrl}/driver/`);
      await page.locator('#root *').first().waitFor();

      const day = await seedDriverInto(databaseUrl, ADMIN.email, 2);
      const token = await trackingLinkInto(databaseUrl, day.orderIds[0]!);
      await page.goto(`${http.baseUrl}/t/${token}`);
      await expect.poll(() => page.locator('main#app').innerText()).not.toBe('…');

      expect(violations).toEqual([]);
    });
  });
});
