/**
 * A throwaway redis-server of a fault test's own, on a free loopback port, without persistence:
 * the test may kill it (SIGKILL, as a crash would) without touching the shared Redis on 6379.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Socket } from 'node:net';
import { freePort } from './server-process.ts';

export interface ThrowawayRedis {
  url: string;
  port: number;
  /** Kills the server at once (SIGKILL) and resolves once it has exited. */
  kill(): Promise<void>;
}

/** True once something answers PING on the port. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once('error', () => done(false));
    s.once('data', (d) => done(d.toString().startsWith('+PONG')));
    s.connect(port, '127.0.0.1', () => s.write('PING\r\n'));
  });
}

/**
 * Starts `redis-server` (Debian's, on PATH) and resolves once it answers PING; on `port` when
 * given (to bring a killed one back where its clients reconnect), else on a free one.
 */
export async function startThrowawayRedis(port?: number, timeoutMs = 10_000): Promise<ThrowawayRedis> {
  port ??= await freePort();
  let out = '';
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${out}`);
    const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 50))]);
    if (failed) throw new Error(`could not start redis-server (is it installed?): ${failed.message}`);
    if (await pings(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer on port ${port} within ${timeoutMs} ms:\n${out}`);
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
