/**
 * The server under benchmark, in a child process so its memory and CPU are its own: the real app
 * as `pnpm start` runs it — compiled (see server-child.ts), over PostgreSQL with the production
 * pool, the environment passed through (ETA_THROTTLE_MS and friends apply). It keeps its peak
 * RSS (see `peak`) and answers the parent's `reset`, `report` (CPU since the reset, peak RSS, the
 * heap at the peak) and `stop`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createApp } from '../src/app.ts';
import { keepHeapSmall } from '../src/heap.ts';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/open-db.ts';
import { createLogger } from '../src/logger.ts';

keepHeapSmall();
const config = loadConfig({ ...process.env, DATABASE_URL: process.env.BENCH_DATABASE_URL, LOG_LEVEL: 'warn' });
const db = await openDb(config);
const app = createApp({ db, config, log: createLogger(config.LOG_LEVEL) });

interface PeakRss {
  reset(): void;
  read(): number;
  stop?(): void;
}
let atPeak = process.memoryUsage();
/**
 * The peak RSS since the last reset. On Linux, the kernel's own high-water mark (VmHWM), reset by
 * writing 5 to clear_refs: exact, and nothing runs in the server while it imports. Elsewhere the
 * RSS is sampled every 20 ms (its calls showed as 45–72 ms per import in the main thread's CPU
 * profile), as it is with BENCH_MEMORY_DETAIL, which also keeps the heap's figures at the peak.
 */
const peak = (!process.env.BENCH_MEMORY_DETAIL && kernelPeak()) || sampledPeak();

function kernelPeak(): PeakRss | null {
  const read = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) * 1024;
  const reset = () => writeFileSync('/proc/self/clear_refs', '5');
  try {
    reset();
    return read() > 0 ? { reset, read } : null;
  } catch {
    return null;
  }
}

function sampledPeak(): PeakRss {
  let top = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss <= top) return;
    top = rss;
    if (process.env.BENCH_MEMORY_DETAIL) atPeak = process.memoryUsage();
  }, 20);
  return {
    reset: () => {
      top = process.memoryUsage.rss();
    },
    read: () => Math.max(top, process.memoryUsage.rss()),
    stop: () => clearInterval(sampler),
  };
}

let cpuAtReset = process.cpuUsage();

const port = await app.listen(0, '127.0.0.1');
process.send!({ type: 'ready', port, rss: process.memoryUsage.rss() });
process.on('message', async (msg: { type: string }) => {
  if (msg.type === 'reset') {
    peak.reset();
    cpuAtReset = process.cpuUsage();
    process.send!({ type: 'reset' });
  } else if (msg.type === 'report') {
    const cpu = process.cpuUsage(cpuAtReset);
    process.send!({
      type: 'report',
      cpuS: (cpu.user + cpu.system) / 1e6,
      peakRss: peak.read(),
      rss: process.memoryUsage.rss(),
      heapTotal: atPeak.heapTotal,
      heapUsed: atPeak.heapUsed,
      external: atPeak.external,
    });
  } else if (msg.type === 'stop') {
    peak.stop?.();
    await app.close();
    await db.close();
    process.exit(0);
  }
});
