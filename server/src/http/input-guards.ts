/**
 * Guards that turn hostile input into a 400 naming the parameter, before any route sees it:
 *
 * - a NUL byte in a query parameter or in a JSON body string (PostgreSQL text cannot hold one,
 *   so it would otherwise surface as a database error, answered 500);
 * - a JSON body nested deeper than {@link MAX_JSON_DEPTH}: the depth is measured on the raw bytes
 *   before `JSON.parse`, so 50 MB of `[` never becomes 25 million arrays in memory, and no
 *   recursive walker (zod, JSON.stringify) meets a structure deep enough to overflow its stack.
 */
import type { IncomingMessage } from 'node:http';
import express, { type RequestHandler } from 'express';
import { AppError } from '../errors.ts';
import { fieldPath } from './validate.ts';

/** Deeper than any body the API takes (GeoJSON polygons nest 4 levels). */
export const MAX_JSON_DEPTH = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The deepest nesting of `[`/`{` in JSON text (brackets inside strings do not count). */
export function jsonDepth(bytes: Uint8Array, stopAt = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      if (++depth > max) max = depth;
      if (max > stopAt) return max;
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--;
  }
  return max;
}

/** The path of the first string (value or key) holding a NUL character, or null. */
export function findNul(value: unknown): (string | number)[] | null {
  // Iterative, so even an unexpectedly deep value cannot overflow the stack.
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\0')) return path;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ value: v[i], path: [...path, i] });
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (k.includes('\0')) return [...path, k];
        stack.push({ value: item, path: [...path, k] });
      }
    }
  }
  return null;
}

const nulError = (what: string, path: (string | number)[]) => {
  const field = fieldPath(path) || what;
  const message = 'must not contain a NUL character';
  return new AppError('bad_request', `Invalid ${what}: ${field}: ${message}`, { details: [{ field, message }] });
};

/** 400 for a NUL byte in any query parameter (name or value). */
export const rejectNulInQuery: RequestHandler = (req, _res, next) => {
  const path = findNul(req.query);
  if (path) throw nulError('query', path);
  next();
};

/** express.json with the depth guard on the raw bytes and the NUL guard on the parsed body. */
export function jsonBody(options: { limit: string }): RequestHandler[] {
  const parser = express.json({
    limit: options.limit,
    verify: (_req: IncomingMessage, _res, buf: Buffer) => {
      if (jsonDepth(buf, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
        const message = `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
        throw new AppError('bad_request', `Invalid body: ${message}`, { details: [{ field: 'body', message }] });
      }
    },
  });
  const noNul: RequestHandler = (req, _res, next) => {
    const path = req.body && typeof req.body === 'object' ? findNul(req.body) : null;
    if (path) throw nulError('body', path);
    next();
  };
  return [parser, noNul];
}
