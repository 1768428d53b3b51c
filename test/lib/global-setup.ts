import { migrate } from '../../server/src/db/migrate.ts';
import { createPgDb } from '../../server/src/db/pg-adapter.ts';
import { recreateDatabase } from '../../server/test/test-db.ts';
import { launchChromiumServer } from './browser.ts';
import { MIGRATED_TEMPLATE_URL } from './e2e-db.ts';

/**
 * What the run's files share: one migrated database, copied by every `freshDatabase` (CREATE
 * DATABASE … TEMPLATE takes half a second; migrating each new database took three, some sixty
 * times a run), and one Chromium, which `launchChromium` connects to (test files inherit
 * CHROMIUM_WS_ENDPOINT from this process).
 */
export default async function setup() {
  await recreateDatabase(MIGRATED_TEMPLATE_URL);
  const db = createPgDb(MIGRATED_TEMPLATE_URL, { max: 1 });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  const chromium = await launchChromiumServer();
  process.env.CHROMIUM_WS_ENDPOINT = chromium.wsEndpoint();
  return () => chromium.close();
}
