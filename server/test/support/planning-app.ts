/**
 * Test support for planning and dispatch: `startTestApp` plus timed calls, Socket.IO clients,
 * order import and plan polling. Not imported by the server.
 */
import { CreateDepotRequest, CreateShiftRequest, CreateVehicleRequest, type Role } from '@tournee/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestApp, type TestOrg } from '../harness.ts';
import type { App } from '../../src/app.ts';
import { systemActor } from '../../src/audit/audit.ts';
import * as fleet from '../../src/fleet/service.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/db.ts';
import { runImport } from '../../src/orders/import/pipeline.ts';
import { jsonSource } from '../../src/orders/import/sources.ts';

export interface PlanningTestApp {
  app: App;
  db: Db;
  config: Config;
  org: TestOrg;
  baseUrl: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  call(method: string, path: string, body?: unknown, as?: Role): Promise<{ status: number; body: any; ms: number }>;
  socket(as?: Role): Socket;
  importOrders(rows: Record<string, string>[]): Promise<void>;
  // biome-ignore lint/suspicious/noExplicitAny: plan JSON
  waitForPlan(planId: string, until?: (p: any) => boolean): Promise<any>;
  close(): Promise<void>;
}

export async function startPlanningApp(env: Record<string, string> = {}): Promise<PlanningTestApp> {
  const { app, db, config, org, baseUrl, close } = await startTestApp(env);
  const sockets: Socket[] = [];
  const t: PlanningTestApp = {
    app,
    db,
    config,
    org,
    baseUrl,
    async call(method, path, body, as = 'dispatcher') {
      const t0 = performance.now();
      const res = await fetch(`${baseUrl}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${org.users[as].token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      const ms = performance.now() - t0;
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: res.status, body: parsed, ms };
    },
    socket(as = 'dispatcher') {
      const s = connect(`${baseUrl}/dispatch`, {
        auth: { token: org.users[as].token },
        transports: ['websocket'],
        forceNew: true,
      });
      sockets.push(s);
      return s;
    },
    async importOrders(rows) {
      const r = await runImport({ db, geocoder: null }, systemActor(org.id), {
        source: jsonSource(rows),
        filename: 'test.json',
        partial: false,
        mapping: {},
      });
      if (!r.committed) throw new Error(`import failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
    },
    async waitForPlan(planId, until = (p) => ['done', 'failed', 'cancelled'].includes(p.status)) {
      for (;;) {
        const r = await t.call('GET', `/plans/${planId}`);
        if (r.status !== 200) throw new Error(`GET plan: ${r.status} ${JSON.stringify(r.body)}`);
        if (until(r.body)) return r.body;
        await new Promise((res) => setTimeout(res, 100));
      }
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await close();
    },
  };
  return t;
}

/** One van of a Lyon depot with an 08:00–17:00 shift on `localDate`, for plans of one small day. */
export async function oneVanDay(
  t: PlanningTestApp,
  localDate: string,
): Promise<{ depotId: string; vehicleId: string }> {
  const actor = systemActor(t.org.id);
  const depot = await fleet.createDepot(
    t.db,
    actor,
    CreateDepotRequest.parse({ name: 'Lyon', location: { lon: 4.8322, lat: 45.7295 }, timeZone: 'Europe/Paris' }),
  );
  const v = await fleet.createVehicle(
    t.db,
    actor,
    CreateVehicleRequest.parse({ name: 'Van', depotId: depot.id, capacity: [800, 6, 60] }),
  );
  await fleet.createShift(
    t.db,
    actor,
    CreateShiftRequest.parse({ vehicleId: v.id, localDate, start: '08:00', end: '17:00' }),
  );
  return { depotId: depot.id, vehicleId: v.id };
}
