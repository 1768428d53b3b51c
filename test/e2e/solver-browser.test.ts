import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../lib/browser.ts';
import { REPO_ROOT } from '../lib/server-process.ts';

const DIST = join(REPO_ROOT, 'solver', 'dist');
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

// The page a web app would write: the solver's browser entry, its Web Worker and WASM, as built.
const PAGE = `<!doctype html><script type="module">
import { solveInBrowser } from '/browser.js';
const depot = [4.835, 45.76];
const jobs = Array.from({ length: 12 }, (_, i) => ({
  id: i + 1,
  location: [4.80 + (i % 4) * 0.02, 45.73 + Math.floor(i / 4) * 0.02],
  serviceS: 300,
  delivery: [10],
  timeWindows: i === 0 ? [[0, 3600]] : undefined,
}));
const vehicles = [0, 1].map((v) => ({ id: 'van-' + v, start: depot, end: depot, capacity: [70], timeWindow: [0, 8 * 3600] }));
const progress = [];
window.__result = solveInBrowser({ vehicles, jobs }, {
  timeLimitMs: 1500,
  workers: 2,
  createWorker: () => new Worker('/web-worker.js', { type: 'module' }),
  onProgress: (p) => progress.push(p.cost),
}).then((s) => ({ ok: true, solution: s, progress: progress.length }), (e) => ({ ok: false, message: String(e) }));
</script>`;

describe('solver in a browser Web Worker', () => {
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const path = normalize(req.url ?? '/').replace(/^(\.\.[/\\])+/, '');
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
        return;
      }
      try {
        const body = await readFile(join(DIST, path));
        res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it('solves in two Web Workers: every job served, capacity kept, progress reported', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    const result = (await page.evaluate('window.__result')) as {
      ok: boolean;
      message?: string;
      progress: number;
      solution: {
        routes: Array<{ steps: Array<{ type: string; id?: number; load: number[]; arrival: number }> }>;
        unassigned: unknown[];
      };
    };
    expect(result.ok, result.message).toBe(true);
    expect(result.solution.unassigned).toEqual([]);
    const served = result.solution.routes.flatMap((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.id));
    expect(served.sort((a, b) => a! - b!)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // 12 × 10 units on vans of 70: both vans are needed, neither ever carries more than 70.
    expect(result.solution.routes).toHaveLength(2);
    for (const r of result.solution.routes) for (const s of r.steps) expect(s.load[0]).toBeLessThanOrEqual(70);
    const first = result.solution.routes.flatMap((r) => r.steps).find((s) => s.id === 1)!;
    expect(first.arrival).toBeLessThanOrEqual(3600);
    expect(result.progress).toBeGreaterThan(0);
  });
});
