/**
 * Starts bench-server.ts for a benchmark: bundled like `pnpm start`'s server (compiled JS, no
 * tsx, so its memory is what production's is) and forked with plain node. Node flags from the
 * environment: BENCH_NODE_FLAGS="…", BENCH_TRACE_GC=1, BENCH_CPU_PROF=<dir>, BENCH_HEAP_PROF=<dir>.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { bundle, DIST } from '../scripts/bundle.ts';

export interface BenchServer {
  port: number;
  /** The server's RSS once listening, before any work. */
  restRss: number;
  /** Sends `reset`, `report` or `stop` and waits for the answer (see bench-server.ts). */
  ask(type: 'reset' | 'report'): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export async function startBenchServer(databaseUrl: string): Promise<BenchServer> {
  await bundle({ 'bench-server': 'bench/bench-server.ts' });
  const env = process.env;
  const child = fork(join(DIST, 'bench-server.js'), [], {
    execArgv: [
      ...(env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      ...(env.BENCH_TRACE_GC ? ['--trace-gc'] : []),
      ...(env.BENCH_HEAP_PROF ? ['--heap-prof', `--heap-prof-dir=${env.BENCH_HEAP_PROF}`] : []),
      ...(env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : []),
    ],
    env: { ...env, BENCH_DATABASE_URL: databaseUrl },
  });
  const [ready] = (await once(child, 'message')) as [{ port: number; rss: number }];
  return {
    port: ready.port,
    restRss: ready.rss,
    ask: async (type) => {
      const reply = once(child, 'message');
      child.send({ type });
      return (await reply)[0] as Record<string, number>;
    },
    stop: async () => {
      child.send({ type: 'stop' });
      await once(child, 'exit');
    },
  };
}
