/**
 * The server under benchmark, in a child process so its memory and CPU are its own: the real app
 * as `pnpm start` runs it — compiled (see server-child.ts), over PostgreSQL with the production
 * pool, the environment passed through (ETA_THROTTLE_MS and friends apply). It samples its RSS
 * every 20 ms and answers the parent's `reset`, `report` (CPU since the reset, peak RSS, the
 * heap at the peak) and `stop`.
 */
import { createApp } from '../src/app.ts';
import { keepHeapSmall } from '../src/heap.ts';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/open-db.ts';
import { createLogger } from '../src/logger.ts';

keepHeapSmall();
const config = loadConfig({ ...process.env, DATABASE_URL: process.env.BENCH_DATABASE_URL, LOG_LEVEL: 'warn' });
const db = await openDb(config);
const app = createApp({ db, config, log: createLogger(config.LOG_LEVEL) });

let peakRss = process.memoryUsage.rss();
let atPeak = process.memoryUsage();
let cpuAtReset = process.cpuUsage();
const sampler = setInterval(() => {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) {
    peakRss = rss;
    if (process.env.BENCH_MEMORY_DETAIL) atPeak = process.memoryUsage();
  }
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
    process.send!({
      type: 'report',
      cpuS: (cpu.user + cpu.system) / 1e6,
      peakRss,
      maxRss: process.resourceUsage().maxRSS * 1024,
      rss: process.memoryUsage.rss(),
      heapTotal: atPeak.heapTotal,
      heapUsed: atPeak.heapUsed,
      external: atPeak.external,
    });
  } else if (msg.type === 'stop') {
    clearInterval(sampler);
    await app.close();
    await db.close();
    process.exit(0);
  }
});
