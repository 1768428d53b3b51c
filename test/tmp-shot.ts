import { launchChromium } from './lib/browser.ts';
import { adminToken, issueDriverAccess, seedDriverInto } from './lib/driver-day.ts';
import { freshDatabase } from './lib/e2e-db.ts';
import { startServerProcess } from './lib/server-process.ts';
const url = await freshDatabase('tournee_shot');
const server = await startServerProcess({ DATABASE_URL: url, SEED_DEMO: 'false', ADMIN_EMAIL: 'a@b.fr', ADMIN_PASSWORD: 'shot-password-1', LOG_LEVEL: 'warn' });
try {
  const day = await seedDriverInto(url, 'a@b.fr', 4);
  const staff = await adminToken(server.baseUrl, 'a@b.fr', 'shot-password-1');
  const access = await issueDriverAccess(server.baseUrl, staff, day.driverId);
  const browser = await launchChromium();
  const ctx = await browser.newContext({ viewport: { width: 400, height: 860 }, locale: 'fr-FR', permissions: ['geolocation'], geolocation: { latitude: 45.7601, longitude: 4.8302 } });
  const page = await ctx.newPage();
  await page.goto(access.link);
  await page.getByRole('listitem', { name: 'Client 1' }).waitFor();
  await page.screenshot({ path: '/tmp/pwa-1.png' });
  await page.getByRole('button', { name: 'Démarrer la tournée' }).click();
  await page.getByRole('listitem', { name: 'Client 1' }).getByRole('button', { name: 'Échec' }).click();
  await page.screenshot({ path: '/tmp/pwa-2.png' });
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.getByRole('listitem', { name: 'Client 2' }).getByRole('button', { name: 'Livré' }).click();
  await page.screenshot({ path: '/tmp/pwa-3.png' });
  await page.getByRole('button', { name: 'Annuler' }).click();
  // Route change: lock → route:changed; the banner shows only with a new version (bump it by hand).
  await fetch(`${server.baseUrl}/api/routes/${day.routeId}/lock`, { method: 'POST', headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' }, body: '{"locked":true}' });
  await new Promise((r) => setTimeout(r, 1500));
  await page.screenshot({ path: '/tmp/pwa-4.png' });
  await browser.close();
} finally {
  await server.stop();
}
