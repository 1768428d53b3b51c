import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { httpLatency } from './http-latency.ts';
import { countPositionsAck, positionCounts } from './position-counters.ts';

/** An app with a mounted router (one route answering, one throwing), serves each path once, returns the counts by label. */
async function countsAfter(paths: string[]): Promise<string[]> {
  const registry = new Registry();
  const app = express();
  app.use(httpLatency(registry));
  const api = Router();
  api.get('/orders/:id', (req, res) => {
    if (req.params.id === 'missing') throw new Error('not found');
    res.json({ id: req.params.id });
  });
  app.use('/api', api);
  app.use((_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(404).end();
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (const p of paths) await (await fetch(base + p)).arrayBuffer();
    const metric = await registry.getSingleMetric('tournee_http_request_duration_seconds')!.get();
    return metric.values
      .filter((v) => (v as { metricName?: string }).metricName === 'tournee_http_request_duration_seconds_count')
      .map((v) => `${v.labels.method} ${v.labels.route} ${v.labels.status} ${v.value}`)
      .sort();
  } finally {
    server.close();
  }
}

describe('HTTP latency histogram', () => {
  it('labels requests by route pattern with its mount path, also when the handler throws', async () => {
    expect(
      await countsAfter(['/api/orders/1', '/api/orders/2', '/api/orders/missing', '/api/nope', '/logo.png']),
    ).toEqual([
      'GET (static) 4xx 1',
      'GET /api/(unmatched) 4xx 1',
      'GET /api/orders/:id 2xx 2',
      'GET /api/orders/:id 4xx 1',
    ]);
  });
});

describe('position counters', () => {
  it('counts acks per source, rejected ones by reason', () => {
    const a = {};
    const b = {};
    countPositionsAck(a, { accepted: [1, 2], duplicates: [3], rejected: [{ reason: 'stale' }, { reason: 'stale' }] });
    countPositionsAck(a, { accepted: [4], duplicates: [], rejected: [{ reason: 'invalid' }] });
    expect(positionCounts(a)).toEqual({
      stored: 3,
      duplicates: 1,
      rejected: new Map([
        ['stale', 2],
        ['invalid', 1],
      ]),
    });
    expect(positionCounts(b).stored).toBe(0);
  });
});
