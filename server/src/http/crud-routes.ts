import type { RequestHandler, Router } from 'express';
import type { z } from 'zod';
import type { Actor } from '../audit/audit.ts';
import { actorOf } from '../auth/middleware.ts';
import { idParam, parse } from './validate.ts';

/** What a collection does, given who asks; the HTTP around it is the same for every collection. */
export interface Collection<C extends z.ZodType, U extends z.ZodType> {
  /** Who may list and get; who may create, change and delete. */
  read: RequestHandler;
  write: RequestHandler;
  create: C;
  update: U;
  list(actor: Actor, query: unknown): Promise<unknown[]>;
  get(actor: Actor, id: string): Promise<unknown>;
  add(actor: Actor, body: z.infer<C>): Promise<unknown>;
  change(actor: Actor, id: string, body: z.infer<U>): Promise<unknown>;
  remove(actor: Actor, id: string, query: unknown): Promise<void>;
}

/**
 * GET `path` → `{items}`, GET `path/:id`, POST `path` → 201, PATCH `path/:id` and
 * DELETE `path/:id` → 204: bodies parsed with the collection's schemas, ids checked once.
 */
export function crudRoutes<C extends z.ZodType, U extends z.ZodType>(
  router: Router,
  path: string,
  c: Collection<C, U>,
): void {
  router.get(path, c.read, async (req, res) => {
    res.json({ items: await c.list(actorOf(req), req.query) });
  });
  router.get(`${path}/:id`, c.read, async (req, res) => {
    res.json(await c.get(actorOf(req), idParam(req.params)));
  });
  router.post(path, c.write, async (req, res) => {
    res.status(201).json(await c.add(actorOf(req), parse(c.create, req.body ?? {})));
  });
  router.patch(`${path}/:id`, c.write, async (req, res) => {
    res.json(await c.change(actorOf(req), idParam(req.params), parse(c.update, req.body ?? {})));
  });
  router.delete(`${path}/:id`, c.write, async (req, res) => {
    await c.remove(actorOf(req), idParam(req.params), req.query);
    res.status(204).end();
  });
}
