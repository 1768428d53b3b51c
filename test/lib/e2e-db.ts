import { recreateDatabase, testDatabaseUrl } from '../../server/test/test-db.ts';

/** The database end-to-end tests give to server processes: recreated empty for each test file. */
export async function freshDatabase(name: string): Promise<string> {
  const url = testDatabaseUrl(name);
  await recreateDatabase(url);
  return url;
}
