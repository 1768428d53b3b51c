/**
 * Rules of the server's layout that a reviewer would otherwise have to check by eye:
 * - the order lifecycle (`src/lifecycle/`) is the only writer of `orders.status`, and the only one
 *   that creates, deletes, moves or changes the status of routes and stops (the ETA engine's
 *   `eta_*` columns are its own);
 * - planning and dispatch do not depend on each other (both sit on lifecycle and travel);
 * - transport (HTTP routes, Socket.IO namespaces) parses, calls and answers: no SQL in it.
 * - production code does not import test support (`server/test/`); only `*.test.ts` files do.
 * The server's own sources are read as text, test files left out (test support lives in
 * `server/test/support/`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const rel = (p: string) => relative(SRC, p).split('\\').join('/');

/** Every `.ts` file under `dir`, test files included. */
function allFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return allFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Relative module specifiers `text` imports (static, re-exported or dynamic). */
function importsOf(text: string): string[] {
  const found = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gm)].map((m) => m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)) found.push(m[1]!);
  return found;
}

/** Statements of `sql` that write `orders.status` (UPDATE … SET status, INSERT naming status). */
function statusWrites(sql: string): string[] {
  const found: string[] = [];
  const text = sql.replace(/\s+/g, ' ');
  for (const m of text.matchAll(/\bUPDATE orders\b(?: (?:AS )?\w+)? SET (.*?)(?=\b(?:WHERE|FROM|RETURNING)\b|$)/gi)) {
    if (/(^|[\s,.])status\s*=/i.test(m[1]!)) found.push(m[0]);
  }
  for (const m of text.matchAll(/\bINSERT INTO orders\b(?: AS \w+)? \(([^)]*)\)/gi)) {
    if (/\bstatus\b/i.test(m[1]!)) found.push(m[0]);
  }
  for (const m of text.matchAll(/\bINSERT INTO orders\b.*?\bDO UPDATE SET (.*?)(?=\b(?:WHERE|RETURNING)\b|$)/gi)) {
    if (/(^|[\s,.])status\s*=/i.test(m[1]!)) found.push(m[0]);
  }
  return found;
}

/** Statements of `sql` that write routes or stops other than their ETA columns. */
function routeWrites(sql: string): string[] {
  const text = sql.replace(/\s+/g, ' ');
  const found = [...text.matchAll(/\b(?:INSERT INTO|DELETE FROM) (?:routes|stops)\b/gi)].map((m) => m[0]);
  for (const m of text.matchAll(/\bUPDATE (?:routes|stops)\b(?: \w+)? SET (.*?)(?=\b(?:WHERE|FROM|RETURNING)\b|$)/gi)) {
    const columns = [...m[1]!.matchAll(/(?:^|,)\s*(\w+)\s*=/g)].map((c) => c[1]!);
    if (columns.some((c) => !c.startsWith('eta_'))) found.push(m[0]);
  }
  return found;
}

/** Files reachable from `start` by relative imports, composition roots (app.ts …) left out. */
function reachable(start: string[]): Set<string> {
  const roots = new Set(['app.ts', 'main.ts', 'index.ts', 'bootstrap.ts']);
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.{1,2}\/[^']+\.ts)'/gm)) {
      const target = resolve(dirname(f), m[1]!);
      if (!roots.has(rel(target))) todo.push(target);
    }
  }
  return seen;
}

/**
 * Whether `text`, a module importing express, defines routes: it makes a Router or registers a
 * handler on a path (a string starting with '/', a regex, or a `path` variable followed by its
 * handlers). `req.get('host')` and `map.get(key)` are not routes.
 */
function definesRoutes(text: string): boolean {
  if (!/from 'express'/.test(text)) return false;
  return /\bRouter\(/.test(text) || /\b\w+\.(?:get|post|put|patch|delete|all)\(\s*(?:['"`]\/|\/|[\w.]+\s*,)/.test(text);
}

/**
 * HTTP and socket files: `routes.ts`, `socket.ts`, `*-routes.ts` / `*-socket.ts` that use express or
 * socket.io, and any other module defining Express routes (access-send.ts once ran SQL so).
 */
function isTransport(f: string): boolean {
  const name = rel(f).split('/').at(-1)!;
  if (name === 'routes.ts' || name === 'socket.ts') return true;
  const text = readFileSync(f, 'utf8');
  if (/-(?:routes|socket)\.ts$/.test(name) && /from '(?:express|socket\.io)'/.test(text)) return true;
  return definesRoutes(text);
}

/** SQL in `text`: a string literal that starts with a statement, or a `.query(` call. */
function sqlIn(text: string): string[] {
  const found = [...text.matchAll(/[`'"]\s*(?:WITH|SELECT|INSERT INTO|UPDATE|DELETE FROM)\s[^`'"]{0,60}/g)].map(
    (m) => m[0],
  );
  for (const m of text.matchAll(/\b\w+\.query(?:<[^>]*>)?\(/g)) found.push(m[0]);
  return found;
}

const inModule = (mod: string) => sources().filter((f) => rel(f).startsWith(`${mod}/`));

describe('the server layout', () => {
  it('finds status writes in SQL the way they are written', () => {
    expect(statusWrites(`UPDATE orders o SET status = 'x', updated_at = now() FROM stops s`)).toHaveLength(1);
    expect(statusWrites(`UPDATE orders SET name = $2, updated_at = now() WHERE status = 'imported'`)).toHaveLength(0);
    expect(statusWrites(`INSERT INTO orders (org_id, ref, status) VALUES ($1, $2, 'planned')`)).toHaveLength(1);
    expect(
      statusWrites(`INSERT INTO orders AS o (org_id, ref) SELECT … ON CONFLICT (org_id, ref) DO UPDATE SET
      name = EXCLUDED.name WHERE o.status NOT IN ('dispatched')`),
    ).toHaveLength(0);
  });

  it('writes orders.status only in the lifecycle module', () => {
    const offenders = sources()
      .filter((f) => !rel(f).startsWith('lifecycle/'))
      .flatMap((f) => statusWrites(readFileSync(f, 'utf8')).map((sql) => `${rel(f)}: ${sql.slice(0, 80)}`));
    expect(offenders).toEqual([]);
  });

  it('writes routes and stops only in the lifecycle module (ETAs aside)', () => {
    expect(routeWrites('UPDATE stops s SET eta_at = e.at, eta_low_at = e.low FROM x')).toEqual([]);
    expect(routeWrites("UPDATE routes SET status = 'done' WHERE id = $1")).toHaveLength(1);
    const offenders = sources()
      .filter((f) => !rel(f).startsWith('lifecycle/'))
      .flatMap((f) => routeWrites(readFileSync(f, 'utf8')).map((sql) => `${rel(f)}: ${sql.slice(0, 80)}`));
    expect(offenders).toEqual([]);
  });

  it('keeps SQL out of route and socket files (it goes in a repo module)', () => {
    expect(sqlIn("const r = await db.query<{ id: string }>('SELECT id FROM routes WHERE x = $1', [x]);")).toHaveLength(
      2,
    );
    expect(sqlIn('await tx.query(`\n  UPDATE routes SET status = $2`)')).toHaveLength(2);
    expect(sqlIn("res.json(await buildTrackView(db, orderId)); // select the order's view")).toEqual([]);
    // A route module under any name counts; a request's header read or a middleware does not.
    expect(definesRoutes("import { Router } from 'express';\nconst r = Router();")).toBe(true);
    expect(definesRoutes("import type { Router } from 'express';\nrouter.get(path, c.read, h);")).toBe(true);
    expect(definesRoutes("import express from 'express';\nrouter.get(/.*/, h);")).toBe(true);
    expect(definesRoutes("import type { Request } from 'express';\nconst h = req.get('host'); m.get(k);")).toBe(false);
    expect(definesRoutes("const r = Router();\nr.post('/x', h);")).toBe(false);
    const offenders = sources()
      .filter(isTransport)
      .flatMap((f) => sqlIn(readFileSync(f, 'utf8')).map((sql) => `${rel(f)}: ${sql.trim().slice(0, 60)}`));
    expect(offenders).toEqual([]);
  });

  it('imports test support (server/test) only from test files', () => {
    expect(importsOf("import { x } from '../../test/harness.ts';\nconst y = await import('./z.ts');")).toEqual([
      '../../test/harness.ts',
      './z.ts',
    ]);
    const TEST_DIR = resolve(SRC, '../test');
    const offenders = allFiles()
      .filter((f) => !f.endsWith('.test.ts'))
      .flatMap((f) =>
        importsOf(readFileSync(f, 'utf8'))
          .filter((spec) => !relative(TEST_DIR, resolve(dirname(f), spec)).startsWith('..'))
          .map((spec) => `${rel(f)}: ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('reads the organisations table through org/ (org/repo.ts, profile-repo.ts, settings-repo.ts)', () => {
    const direct = sources()
      .map(rel)
      .filter((f) => !f.startsWith('org/') && !f.startsWith('seed/'))
      .filter((f) => /\b(?:FROM|JOIN|UPDATE) organisations\b/.test(readFileSync(join(SRC, f), 'utf8')));
    expect(direct).toEqual([]);
  });

  it('keeps planning and dispatch independent of each other', () => {
    const fromPlanning = [...reachable(inModule('planning'))].map(rel).filter((f) => f.startsWith('dispatch/'));
    const fromDispatch = [...reachable(inModule('dispatch'))].map(rel).filter((f) => f.startsWith('planning/'));
    expect(fromPlanning).toEqual([]);
    expect(fromDispatch).toEqual([]);
  });

  it('keeps lifecycle and travel below planning and dispatch', () => {
    const below = [...reachable([...inModule('lifecycle'), ...inModule('travel')])].map(rel);
    expect(below.filter((f) => f.startsWith('planning/') || f.startsWith('dispatch/'))).toEqual([]);
  });

  it('subscribes to domain events only where the app is wired, and patches no shared event object', () => {
    // app.ts (the server) and jobs/worker-main.ts (`pnpm worker`) create the bus and subscribe
    // every consumer; modules hand out handlers and publish, nothing else.
    const roots = new Set(['app.ts', 'jobs/worker-main.ts']);
    const rules = [
      /\bbus\.(?:subscribe|on)\(/,
      /\bcreateDomainEvents\(/,
      /\btapEvents\b/,
      /Object\.assign\(\s*(?:events|bus)\b/,
    ];
    const offenders = sources()
      .filter((f) => !rel(f).startsWith('events/') && !roots.has(rel(f)))
      .flatMap((f) => {
        const text = readFileSync(f, 'utf8');
        return rules.filter((re) => re.test(text)).map((re) => `${rel(f)}: ${re.source}`);
      });
    expect(offenders).toEqual([]);
  });
});
