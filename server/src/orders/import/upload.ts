/**
 * Turns an import request into a RowSource: multipart (field `file`, CSV or XLSX), a raw
 * text/csv or XLSX body, or a JSON array. Every body is counted as it streams in and refused
 * (413) past IMPORT_MAX_BYTES; XLSX archives go through the zip guard (see zip-guard.ts).
 */
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import type { Request } from 'express';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { limitBytes, tooLarge } from './byte-limit.ts';
import { readJsonBody } from './json-body.ts';
import { readMultipart } from './multipart.ts';
import type { ImportMessages } from './messages.ts';
import { csvSource, jsonSource, type RowSource, xlsxSource } from './sources.ts';
import type { ZipLimits } from './zip-guard.ts';

export interface UploadLimits extends ZipLimits {
  /** The largest body, in bytes (413 past it). */
  maxBytes: number;
}

/** The upload limits of the configuration. */
export const uploadLimits = (c: Config): UploadLimits => ({
  maxBytes: c.IMPORT_MAX_BYTES,
  maxEntryBytes: c.IMPORT_MAX_ENTRY_BYTES,
  maxSharedStrings: c.IMPORT_MAX_SHARED_STRINGS,
  maxSharedStringChars: c.IMPORT_MAX_SHARED_STRING_CHARS,
});

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
  limits: UploadLimits,
): Promise<RowSource> {
  const head = await peek(stream);
  if (head === null) throw new AppError('unprocessable', m.emptyFile);
  return hintedXlsx || isZip(head) ? xlsxSource(stream, sheet, m, limits) : csvSource(stream, m);
}

// Names of files end up in the database and the logs: no control characters (NUL cannot be stored).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const cleanName = (name: string) => name.replace(/[\u0000-\u001f\u007f]/g, '');

export interface OpenedUpload {
  source: RowSource;
  filename: string | null;
  /** Form fields sent before the file (multipart only); they complete the query's options. */
  fields: Record<string, string>;
}

/**
 * Opens the upload; `sheetOf` reads the sheet option once the form fields are known; `m` says
 * what is wrong; `limits` are the size limits (413 and 422 past them).
 */
export async function openUpload(
  req: Request,
  sheetOf: (fields: Record<string, string>) => string | undefined,
  m: ImportMessages,
  limits: UploadLimits,
): Promise<OpenedUpload> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const declared = Number(req.headers['content-length'] ?? 0);
  // A body that says it is too large is refused before it is read (multipart adds its own framing).
  if (!type.startsWith('multipart/form-data') && declared > limits.maxBytes) throw tooLarge(limits.maxBytes, m);
  if (type.startsWith('multipart/form-data')) {
    const up = await readMultipart(req, m, limits.maxBytes);
    const xlsx = /\.xls[xm]$/i.test(up.filename) || XLSX_TYPES.test(up.mimeType);
    return {
      source: await fileSource(up.file, xlsx, sheetOf(up.fields), m, limits),
      filename: cleanName(up.filename) || null,
      fields: up.fields,
    };
  }
  if (type.startsWith('application/json')) {
    const body = await readJsonBody(req, limits.maxBytes, m);
    if (!Array.isArray(body)) throw new AppError('bad_request', m.jsonNotArray);
    return { source: jsonSource(body, m), filename: null, fields: {} };
  }
  const body = limitBytes(req, limits.maxBytes, m);
  return { source: await fileSource(body, XLSX_TYPES.test(type), sheetOf({}), m, limits), filename: null, fields: {} };
}

/**
 * Reads what is left of the request body, so the client can finish sending before it gets the
 * answer (some HTTP clients fail on an answer that arrives mid-upload); past `maxBytes` more
 * (a client that keeps sending a huge body), the connection is closed instead.
 */
export async function drainRequest(req: Request, maxBytes = Number.POSITIVE_INFINITY): Promise<void> {
  if (req.readableEnded || req.destroyed) return;
  req.unpipe();
  let drained = 0;
  const count = (c: Buffer) => {
    drained += c.length;
    if (drained > maxBytes) req.destroy();
  };
  req.on('data', count);
  req.resume();
  await Promise.race([once(req, 'end'), once(req, 'close'), once(req, 'error')]).catch(() => {});
  req.off('data', count);
}
