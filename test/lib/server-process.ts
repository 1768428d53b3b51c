import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A free TCP port on loopback, for a server process we start. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface ServerProcess {
  baseUrl: string;
  /** The server's process id. */
  pid: number;
  output: () => string;
  /** True once the process has ended (a crash shows in `output()`). */
  exited: () => boolean;
  stop(): Promise<void>;
  /** Sends `signal` (e.g. SIGKILL, as a crash would) and resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the real server as `pnpm start` does (the bundle server/dist/main.js, built by `pnpm test`
 * before the tests run) in its own process,
 * and resolves once GET /api/health answers.
 */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  // `env.PORT` restarts a server where its clients expect it (a reconnection test); else a free port.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['dist/main.js'], {
    cwd: join(REPO_ROOT, 'server'),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`server did not answer /api/health within ${timeoutMs} ms:\n${out}`);
  }
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    baseUrl,
    pid: child.pid!,
    output: () => out,
    exited,
    kill: (signal) =>
      new Promise((resolve) => {
        if (exited()) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
    stop: () =>
      new Promise((resolve) => {
        if (exited()) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
