/**
 * The server under the tracking benchmark, in a child process: the real app as `pnpm start` runs
 * it over PostgreSQL (the production pool size, and the environment passed through, so
 * ETA_THROTTLE_MS and friends apply). Answers the parent's `reset` / `report` / `stop` like
 * bench-server.ts: CPU time since the reset and the peak RSS sampled every 20 ms.
 */
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/open-db.ts';
import { createLogger } from '../src/logger.ts';

const config = loadConfig({ ...process.env, DATABASE_URL: process.env.BENCH_DATABASE_URL, LOG_LEVEL: 'warn' });
const db = await openDb(config);
const app = createApp({ db, config, log: createLogger(config.LOG_LEVEL) });

let peakRss = process.memoryUsage.rss();
let cpuAtReset = process.cpuUsage();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 20);

const port = await app.listen(0, '127.0.0.1');
process.send!({ type: 'ready', port, rss: process.memoryUsage.rss() });
process.on('message', async (msg: { type: string }) => {
  if (msg.type === 'reset') {
    peakRss = process.memoryUsage.rss();
    cpuAtReset = process.cpuUsage();
    process.send!({ type: 'reset' });
  } else if (msg.type === 'report') {
    const cpu = process.cpuUsage(cpuAtReset);
    process.send!({ type: 'report', cpuS: (cpu.user + cpu.system) / 1e6, peakRss, rss: process.memoryUsage.rss() });
  } else if (msg.type === 'stop') {
    clearInterval(sampler);
    await app.close();
    await db.close();
    process.exit(0);
  }
});
