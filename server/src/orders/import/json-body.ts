/**
 * The body of a JSON import, read here rather than by the app's JSON parser: counted against
 * IMPORT_MAX_BYTES as it streams in, and its cells' nesting measured on the raw bytes before
 * JSON.parse, so a cell 200,000 levels deep is a 422 naming its row and field — never millions
 * of arrays in memory, nor a recursive walk that overflows the stack.
 */
import type { Request } from 'express';
import { AppError } from '../../errors.ts';
import { limitBytes } from './byte-limit.ts';
import type { ImportMessages } from './messages.ts';

/** How deep a cell may nest: a list of skills is 1; nothing an order holds needs more than a few. */
export const MAX_CELL_DEPTH = 8;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Where a cell nests deeper than `maxDepth`: the row (1-based element) and the field. */
export interface DeepCell {
  row: number;
  field: string;
}

/**
 * The first cell of a JSON array of objects nested deeper than `maxDepth` (brackets inside
 * strings do not count), or null. Depth 1 is the array, 2 a row object, 3 and more its cells.
 */
export function findDeepCell(bytes: Uint8Array, maxDepth = MAX_CELL_DEPTH): DeepCell | null {
  let depth = 0;
  let row = 1;
  let field = '';
  let stringStart = -1;
  let lastString = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (stringStart >= 0) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) {
        // Only strings at the row level can be keys: decode those (they are short).
        if (depth === 2) lastString = decode(bytes, stringStart, i + 1);
        stringStart = -1;
      }
      continue;
    }
    if (b === QUOTE) stringStart = i;
    else if (b === 0x7b || b === 0x5b) {
      if (++depth > maxDepth + 2) return { row, field };
    } else if (b === 0x7d || b === 0x5d) depth--;
    else if (b === COMMA && depth === 1) row++;
    else if (b === COLON && depth === 2) field = lastString;
  }
  return null;
}

function decode(bytes: Uint8Array, from: number, to: number): string {
  try {
    return String(JSON.parse(Buffer.from(bytes.subarray(from, to)).toString('utf8')));
  } catch {
    return '';
  }
}

/** The parsed body of a JSON import (413 past `maxBytes`, 400 when it is not JSON, 422 for a too-deep cell). */
export async function readJsonBody(req: Request, maxBytes: number, m: ImportMessages): Promise<unknown> {
  // Parsed already (an app that runs its JSON parser before this route): that parser's limits held.
  if ((req as { _body?: boolean })._body) return req.body;
  const parts: Buffer[] = [];
  for await (const c of limitBytes(req, maxBytes, m)) parts.push(c as Buffer);
  const bytes = Buffer.concat(parts);
  const deep = findDeepCell(bytes);
  if (deep) {
    const error = { row: deep.row, column: deep.field, value: '', message: m.tooDeep(MAX_CELL_DEPTH) };
    throw new AppError('unprocessable', `row ${deep.row}, ${deep.field}: ${error.message}`, {
      details: { errors: [error] },
    });
  }
  try {
    return JSON.parse(bytes.toString('utf8').replace(/^\ufeff/, ''));
  } catch (err) {
    throw new AppError('bad_request', m.unreadableJson((err as Error).message));
  }
}
