/**
 * `pnpm bench` (test package): how long the import takes to refuse four zip bombs sent at once
 * (issue 11: each refused within 5 s, naming its limit), and the server's peak memory meanwhile
 * (< 400 MB; the fault test checks it too). Timed here, not in the test: on a loaded machine the
 * same refusals took 6.7 s.
 *
 * Needs the server build and PostgreSQL (TEST_DATABASE_URL's server; a database
 * `<its name>_bench_bombs` is recreated empty and migrated by the server).
 */
import { signIn } from '../lib/api-client.ts';
import { startOnEmptyDatabase } from '../lib/e2e-db.ts';
import { BOMB_MAX_BYTES, importBombs, peakRssMb, postBombsAtOnce } from '../lib/import-bombs.ts';

const LIMIT_MS = 5000;
const RSS_LIMIT_MB = 400;

async function main() {
  const admin = { email: 'bench@example.com', password: 'bench-password-1' };
  const server = await startOnEmptyDatabase('bench_bombs', admin, { IMPORT_MAX_BYTES: String(BOMB_MAX_BYTES) });
  try {
    const api = await signIn(server.baseUrl, admin.email, admin.password);
    const bombs = await importBombs();
    const answers = await postBombsAtOnce(server.baseUrl, api.token, bombs);
    console.log('import bomb bench: four zip bombs sent at once');
    answers.forEach((a, i) => {
      const b = bombs[i]!;
      const named = b.limit.test(a.body.error?.message ?? '');
      console.log(
        `  ${b.label.padEnd(40)} ${(b.body.length / 1024).toFixed(0)} kB → HTTP ${a.status} in ${(a.ms / 1000).toFixed(2)} s` +
          (a.status === 422 && named ? '' : ` (NOT refused naming ${b.limit.source})`),
      );
    });
    const slowest = Math.max(...answers.map((a) => a.ms));
    const rss = peakRssMb(server.pid);
    const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      `  slowest refusal   ${(slowest / 1000).toFixed(2)} s (target ≤ ${LIMIT_MS / 1000} s) ${met(slowest <= LIMIT_MS)}`,
    );
    console.log(`  server peak RSS   ${rss.toFixed(0)} MB (target < ${RSS_LIMIT_MB} MB) ${met(rss < RSS_LIMIT_MB)}`);
  } finally {
    await server.stop();
  }
}

await main();
