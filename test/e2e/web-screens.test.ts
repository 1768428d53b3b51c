import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, screenshotFailures } from '../lib/artifacts.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { launchChromium } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'screens@example.com', password: 'e2e-password-screens' };
const SCREENS = join(ARTIFACTS, 'screens');

type Lang = 'en' | 'fr';
const WORDS: Record<Lang, Record<string, string>> = {
  en: {
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    import: 'Import a file',
    file: 'CSV or Excel file',
    partial: 'Import the good rows and leave out the rejected ones',
    alerts: 'Alerts',
    security: 'Security',
    sendAccess: 'Send access',
    close: 'Close',
    parcels: 'parcel',
    quantity: 'Quantity (parcels)',
    webhookWords: 'An order is delivered',
    notTried: 'On no route',
  },
  fr: {
    email: 'E-mail',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    import: 'Importer un fichier',
    file: 'Fichier CSV ou Excel',
    partial: 'Importer les bonnes lignes et laisser de côté les lignes refusées',
    alerts: 'Alertes',
    security: 'Sécurité',
    sendAccess: 'Envoyer l’accès',
    close: 'Fermer',
    parcels: 'colis',
    quantity: 'Quantité (colis)',
    webhookWords: 'Une commande est livrée',
    notTried: 'Sur aucune tournée',
  },
};

// Status and trigger codes that a French screen must not show as they are (reported, see below).
const ENGLISH =
  /(?<![\p{L}_])(imported|planned|dispatched|in_progress|on_hold|delivered|failed|skipped|cancelled|queued|pending|sent|suppressed|unassigned|published|eta_moved|driver_access)(?![\p{L}_])/giu;

/**
 * Every screen of the dispatcher app, the public tracking page and the printed route sheets, in
 * English and in French, as test/artifacts/screens/<lang>-<screen>.png — to be looked at. Each
 * visit must show the screen (no error page, no script error); what the French screens still
 * show in English is listed in test/artifacts/screens/report.json.
 */
describe('every screen, in English and in French', () => {
  let server: ServerProcess;
  let browser: Browser;
  let api: ApiClient;
  let day: string;
  let orderId: string;
  let trackingPath: string | null = null;
  let page: Page | undefined;
  const report: Record<string, { english: string[]; errors: string[] }> = {};
  const entryOf = (key: string) => {
    report[key] ??= { english: [], errors: [] };
    return report[key];
  };

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_screens', ADMIN, { SEED_DEMO: 'true' }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const orders: Array<{ id: string; dateFrom: string }> = (await api.call('GET', '/orders?limit=1000')).body.items;
    day = orders.map((o) => o.dateFrom).sort()[0]!;
    browser = await launchChromium();
    mkdirSync(SCREENS, { recursive: true });
  }, 120_000);

  screenshotFailures('web-screens', () => page);

  afterAll(async () => {
    writeFileSync(join(SCREENS, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    await browser?.close();
    await server?.stop();
  });

  it('plans and publishes the first demo day (the screens then have routes, stops and messages)', async () => {
    const plan = await api.call('POST', '/plans', { from: day, to: day, timeLimitS: 3 });
    expect(plan.status).toBe(202);
    await expect
      .poll(async () => (await api.call('GET', `/plans/${plan.body.planId}`)).body.status, { timeout: 60_000 })
      .toBe('done');
    expect((await api.call('POST', '/dispatch/publish', { date: day })).status).toBe(200);
    const dispatched = (await api.call('GET', `/orders?status=dispatched&limit=1`)).body.items[0];
    expect(dispatched).toBeDefined();
    orderId = dispatched.id;
    // The tracking link is in the messages the publication wrote.
    await expect
      .poll(async () => {
        const items: Array<{ body: string }> = (await api.call('GET', `/notifications?orderId=${orderId}`)).body.items;
        trackingPath = items.map((n) => /\/t\/[\w-]+/.exec(n.body)?.[0]).find(Boolean) ?? null;
        return trackingPath;
      })
      .not.toBeNull();
  }, 120_000);

  for (const lang of ['en', 'fr'] as const) {
    describe(`in ${lang === 'en' ? 'English' : 'French'}`, () => {
      let context: BrowserContext;
      let p: Page;
      const w = WORDS[lang];

      /** Waits for the screen to settle, checks it rendered, saves it, and notes English words. */
      const shoot = async (name: string, target?: () => Promise<Buffer>) => {
        await expect.poll(() => p.locator('[aria-busy="true"], p.loading').count(), { timeout: 15_000 }).toBe(0);
        const text = await p.evaluate(() => document.body.innerText);
        expect(text, `${name}: an error page`).not.toMatch(
          /^Cannot GET|"code":"not_found"|Something went wrong|Une erreur est survenue/,
        );
        const file = join(SCREENS, `${lang}-${name}.png`);
        if (target) writeFileSync(file, await target());
        else await p.screenshot({ path: file, fullPage: true });
        if (lang === 'fr')
          entryOf(`${lang}-${name}`).english = [...new Set([...text.matchAll(ENGLISH)].map((m) => m[1]!))];
      };

      /** Screenshots each tab of the screen, named by its position and English-independent. */
      const shootTabs = async (screen: string) => {
        const tabs = p.getByRole('tab');
        const n = await tabs.count();
        for (let i = 0; i < n; i++) {
          await tabs.nth(i).click();
          // A tab's panel may fetch more than its list (the recurring orders' form waits for the
          // depots): the shot waits until the panel's text stops changing between two polls.
          let before = '';
          await expect
            .poll(
              async () => {
                const now = await p.locator('main').innerText();
                const same = now === before;
                before = now;
                return same;
              },
              { interval: 250 },
            )
            .toBe(true);
          await shoot(`${screen}-tab${i + 1}-${slug(await tabs.nth(i).innerText())}`);
        }
        return n;
      };

      beforeAll(async () => {
        context = await browser.newContext({
          viewport: { width: 1440, height: 900 },
          locale: lang === 'en' ? 'en-GB' : 'fr-FR',
          timezoneId: 'Europe/Paris',
        });
        await context.addInitScript((l) => localStorage.setItem('tournee.locale', l), lang);
        p = await context.newPage();
        page = p;
        p.on('pageerror', (e) => {
          entryOf(`${lang}-${new URL(p.url()).pathname}`).errors.push(e.message);
        });
      });

      afterAll(async () => {
        await context?.close();
      });

      it('signs in', async () => {
        await p.goto(server.baseUrl);
        await shoot('sign-in');
        await p.getByLabel(w.email!).fill(ADMIN.email);
        await p.getByLabel(w.password!).fill(ADMIN.password);
        await p.getByRole('button', { name: w.signIn }).click();
        await p.getByRole('navigation', { name: 'main' }).waitFor();
        // At 1440 px the header holds on one line: its right-hand items beside the screens, not under them.
        const nav = (await p.getByRole('navigation', { name: 'main' }).boundingBox())!;
        const who = (await p.locator('.shell .who').boundingBox())!;
        expect(who.y, 'the header wraps to a second line').toBeLessThan(nav.y + nav.height);
        // On a narrow screen the header wraps by whole items: none of them sticks out of it (the
        // screen below may scroll sideways, a wide table say, but not the header).
        await p.setViewportSize({ width: 760, height: 900 });
        try {
          await expect
            .poll(() =>
              p.evaluate(() => {
                const header = document.querySelector('.shell > header')!;
                return Math.max(
                  header.scrollWidth,
                  ...Array.from(header.querySelectorAll('*'), (e) => e.getBoundingClientRect().right),
                );
              }),
            )
            .toBeLessThanOrEqual(760);
          await shoot('header-narrow', () => p.locator('.shell > header').screenshot());
        } finally {
          await p.setViewportSize({ width: 1440, height: 900 });
        }
      });

      it('orders: list, detail, edit, new', async () => {
        await p.goto(`${server.baseUrl}/orders`);
        await expect.poll(() => p.locator('table tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);
        await shoot('orders');
        await p.goto(`${server.baseUrl}/orders/${orderId}`);
        await shoot('order-detail');
        // Quantities in the screen's language (the demo's dimension is `parcels`).
        expect(await p.locator('main').innerText()).toMatch(new RegExp(`\\d ${w.parcels}`));
        if (lang === 'fr') expect(await p.locator('main').innerText()).not.toMatch(/parcels?/);
        await p.goto(`${server.baseUrl}/orders/${orderId}/edit`);
        await p.getByLabel(w.quantity!).waitFor();
        await shoot('order-edit');
        await p.goto(`${server.baseUrl}/orders/new`);
        await shoot('order-new');
      });

      it('import wizard: file, check, result', async () => {
        await p.goto(`${server.baseUrl}/orders`);
        await p.getByRole('button', { name: w.import }).click();
        await shoot('import-1-file');
        const dir = join(tmpdir(), `tournee-screens-${process.pid}`);
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `orders-${lang}.csv`);
        writeFileSync(
          file,
          'Référence;Client;Téléphone;Latitude;Longitude;Date;Début créneau;Fin créneau;Poids (kg)\n' +
            `S-${lang}-1;Anne;06 12 34 56 78;45,76;4,83;${day};08:00;12:00;12\n` +
            `S-${lang}-2;Bruno;06 98 76 54 32;123;4,84;${day};14:00;16:00;8\n` +
            `S-${lang}-3;Carla;;45,75;4,85;${day};09:00;11:00;5\n`,
        );
        await p.getByLabel(w.file!).setInputFiles(file);
        await p.locator('.import-preview').waitFor();
        await shoot('import-2-check');
        await p.getByLabel(w.partial!).check();
        await shoot('import-2-check-partial');
        await p.locator('.import-preview button[type="submit"]').click();
        await p.getByRole('status').first().waitFor();
        await shoot('import-3-result');
      });

      it('fleet: every tab', async () => {
        await p.goto(`${server.baseUrl}/fleet`);
        await p.getByRole('tab').first().waitFor();
        expect(await shootTabs('fleet')).toBeGreaterThanOrEqual(3);
        await p.getByRole('tab', { name: /^(Vehicles|Véhicules)$/ }).click();
        expect(await p.locator('main table thead').innerText()).toContain(w.parcels);
        // Drivers' phones in national format (the demo organisation is in France).
        await p.getByRole('tab', { name: /^(Drivers|Chauffeurs)$/ }).click();
        const drivers = await p.locator('main table').first().innerText();
        expect(drivers).toMatch(/\b0\d( \d\d){4}\b/);
        expect(drivers).not.toMatch(/\+33\d/);
        expect(await p.locator('main table thead').innerText()).toContain(w.email);
        // A driver's access: the QR code, the link and the code.
        await p.getByRole('button', { name: w.sendAccess, exact: true }).first().click();
        await p.getByRole('dialog').waitFor();
        await p.locator('[role="dialog"] img, [role="dialog"] canvas, [role="dialog"] svg').first().waitFor();
        await shoot('fleet-driver-access');
        const header = (await p.locator('.shell > header').boundingBox())!;
        const dialog = (await p.getByRole('dialog').boundingBox())!;
        expect(dialog.y, 'the access dialog covers the header').toBeGreaterThanOrEqual(header.y + header.height);
        await p.getByRole('dialog').getByRole('button', { name: w.close, exact: true }).first().click();
      });

      it('planner: the published day, and the calendar', async () => {
        await p.goto(`${server.baseUrl}/planner`);
        await p.locator(`[data-date="${day}"]`).first().click();
        await p.locator('.route-card').first().waitFor({ timeout: 20_000 });
        // Route cards are `content-visibility: auto` (a 2,000-stop day stays fast): one off-screen is
        // not painted, so the board is scrolled into view and a card's text awaited before the shot.
        const card = p.locator('.route-card').first();
        await card.scrollIntoViewIfNeeded();
        await expect.poll(() => card.evaluate((c) => (c as HTMLElement).innerText.trim().length)).toBeGreaterThan(0);
        await shoot('planner-day');
        const calendar = p.locator('.calendar-grid, .calendar-strip').first();
        await shoot('planner-calendar', () => calendar.screenshot());
        // A day that is not planned yet: the unplanned orders and the launcher.
        const next = (await api.call('GET', '/orders?limit=1000')).body.items
          .map((o: { dateFrom: string }) => o.dateFrom)
          .filter((d: string) => d > day)
          .sort()[0];
        await p.locator(`[data-date="${next}"]`).first().click();
        const unplanned = p.locator('.unplanned-orders table');
        await unplanned.waitFor({ timeout: 20_000 });
        await shoot('planner-unplanned-day');
        // The orders not tried yet share one reason: it heads their group once, not on every row.
        const rows = await unplanned.locator('tr[data-order-ref]').count();
        expect(rows).toBeGreaterThan(1);
        const said = (await unplanned.innerText()).split(w.notTried!).length - 1;
        expect(said).toBe(1);
      });

      it('messages, analytics, audit, alerts', async () => {
        await p.goto(`${server.baseUrl}/messages`);
        await expect.poll(() => p.locator('table tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);
        await shoot('messages');
        await p.goto(`${server.baseUrl}/messages?status=failed`);
        await shoot('messages-empty-filter');
        await p.goto(`${server.baseUrl}/analytics?from=${day}&to=${day}`);
        await p.getByRole('region').first().waitFor();
        await shoot('analytics');
        await p.goto(`${server.baseUrl}/audit`);
        await p.locator('table tbody tr').first().waitFor();
        await shoot('audit');
        await p.getByRole('button', { name: new RegExp(`^${w.alerts} · \\d+$`) }).click();
        await shoot('alerts');
        await p.getByRole('button', { name: new RegExp(`^${w.alerts} · \\d+$`) }).click();
        await p.getByRole('button', { name: w.security, exact: true }).click();
        await p.getByRole('dialog', { name: w.security }).waitFor();
        await shoot('security');
        await p.keyboard.press('Escape');
      });

      it('rules, integrations, settings: every tab', async () => {
        for (const screen of ['rules', 'integrations', 'settings']) {
          await p.goto(`${server.baseUrl}/${screen}`);
          await p.locator('main h1, main h2').first().waitFor();
          if ((await p.getByRole('tab').count()) === 0) await shoot(screen);
          else await shootTabs(screen);
          if (screen === 'integrations') {
            // Webhook events in words, their codes beside them.
            await p.getByRole('tab', { name: 'Webhooks' }).click();
            const form = await p.locator('main form').first().innerText();
            expect(form).toContain(w.webhookWords);
            expect(form).toContain('order.delivered');
          }
        }
      });

      it('the customer’s tracking page and the day’s route sheets', async () => {
        await p.goto(`${server.baseUrl}${trackingPath}`);
        await p.locator('body *').first().waitFor();
        await expect.poll(() => p.evaluate(() => document.body.innerText.trim().length)).toBeGreaterThan(20);
        await shoot('tracking');
        await p.goto(`${server.baseUrl}/api/route-sheets?date=${day}&lang=${lang}`);
        await shoot('route-sheets');
      });
    });
  }
});

/** A file-name-safe form of a label: "Heures hebdomadaires" → "heures-hebdomadaires". */
function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 30) || 'tab'
  );
}
