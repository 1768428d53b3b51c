import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { authenticate } from './auth/middleware.ts';
import { authRoutes } from './auth/routes.ts';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { AppError } from './errors.ts';
import { fleetRoutes } from './fleet/routes.ts';
import { errorHandler } from './http/error-handler.ts';
import type { Logger } from './logger.ts';
import { ordersRoutes } from './orders/routes.ts';

export interface AppDeps {
  db: Db;
  config: Config;
  log: Logger;
}

export interface App {
  app: express.Express;
  server: Server;
  /** Listens on `port` (0 for any free port) and resolves with the port actually bound. */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** Wires every module onto one Express app and HTTP server; tests start it on port 0. */
export function createApp(deps: AppDeps): App {
  const { db, config, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  // Behind a load balancer the client's address is in X-Forwarded-For (login rate limits use it).
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');

  const api = Router();
  api.get('/health', async (_req, res) => {
    await db.query('SELECT 1');
    res.json({ status: 'ok', database: db.kind });
  });
  api.use(express.json({ limit: '50mb' }));
  api.use(authenticate(db));
  api.use(authRoutes(db, config));
  api.use(fleetRoutes(db, config));
  api.use(ordersRoutes({ db, config, log }));
  api.use(() => {
    throw new AppError('not_found', 'No such API route');
  });
  app.use('/api', api);
  app.use(errorHandler(log));

  const server = createServer(app);
  return {
    app,
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
