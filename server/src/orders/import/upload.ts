/**
 * Turns an import request into a RowSource: multipart (field `file`, CSV or XLSX), a raw
 * text/csv or XLSX body, or a JSON array (already parsed by express.json).
 */
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import type { Request } from 'express';
import { AppError } from '../../errors.ts';
import { readMultipart } from './multipart.ts';
import type { ImportMessages } from './messages.ts';
import { csvSource, jsonSource, type RowSource, xlsxSource } from './sources.ts';

const XLSX_TYPES = /spreadsheetml|ms-excel/;

/** The first chunk of a stream, put back so the stream still starts with it. */
async function peek(stream: Readable): Promise<Buffer | null> {
  for (;;) {
    const chunk = stream.read() as Buffer | null;
    if (chunk !== null) {
      stream.unshift(chunk);
      return chunk;
    }
    if (stream.readableEnded) return null;
    await Promise.race([once(stream, 'readable'), once(stream, 'end')]);
  }
}

// XLSX files are ZIP archives: "PK\x03\x04".
const isZip = (b: Buffer | null) => b !== null && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

async function fileSource(
  stream: Readable,
  hintedXlsx: boolean,
  sheet: string | undefined,
  m: ImportMessages,
): Promise<RowSource> {
  const head = await peek(stream);
  if (head === null) throw new AppError('unprocessable', m.emptyFile);
  return hintedXlsx || isZip(head) ? xlsxSource(stream, sheet, m) : csvSource(stream, m);
}

export interface OpenedUpload {
  source: RowSource;
  filename: string | null;
  /** Form fields sent before the file (multipart only); they complete the query's options. */
  fields: Record<string, string>;
}

/** Opens the upload; `sheetOf` reads the sheet option once the form fields are known; `m` says what is wrong. */
export async function openUpload(
  req: Request,
  sheetOf: (fields: Record<string, string>) => string | undefined,
  m: ImportMessages,
): Promise<OpenedUpload> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const up = await readMultipart(req, m);
    const xlsx = /\.xls[xm]$/i.test(up.filename) || XLSX_TYPES.test(up.mimeType);
    return {
      source: await fileSource(up.file, xlsx, sheetOf(up.fields), m),
      filename: up.filename || null,
      fields: up.fields,
    };
  }
  if (type.startsWith('application/json')) {
    if (!Array.isArray(req.body)) throw new AppError('bad_request', m.jsonNotArray);
    return { source: jsonSource(req.body, m), filename: null, fields: {} };
  }
  return { source: await fileSource(req, XLSX_TYPES.test(type), sheetOf({}), m), filename: null, fields: {} };
}

/**
 * Reads what is left of the request body, so the client can finish sending before it gets the
 * answer (some HTTP clients fail on an answer that arrives mid-upload).
 */
export async function drainRequest(req: Request): Promise<void> {
  if (req.readableEnded || req.destroyed) return;
  req.unpipe();
  req.resume();
  await Promise.race([once(req, 'end'), once(req, 'close'), once(req, 'error')]).catch(() => {});
}
