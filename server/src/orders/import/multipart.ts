/**
 * multipart/form-data uploads without buffering: resolves as soon as the `file` part starts,
 * with the form fields sent before it. Fields after the file are not seen — put `partial`,
 * `sheet` and `mapping` before the file in the form, or in the query string.
 */
import type { Readable } from 'node:stream';
import type { Request } from 'express';
import busboy from 'busboy';
import { AppError } from '../../errors.ts';
import { limitBytes } from './byte-limit.ts';
import { IMPORT_MESSAGES, type ImportMessages } from './messages.ts';

export interface Upload {
  file: Readable;
  filename: string;
  mimeType: string;
  fields: Record<string, string>;
}

/** The `file` part of a multipart request, as a stream that fails with a 413 past `maxBytes`. */
export function readMultipart(
  req: Request,
  m: ImportMessages = IMPORT_MESSAGES.en,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      // busboy stops one byte past the limit (so the counter below sees it passed) and drops the rest.
      const fileSize = Number.isFinite(maxBytes) ? maxBytes + 1 : undefined;
      bb = busboy({ headers: req.headers, limits: { files: 1, fields: 20, fieldSize: 1_000_000, fileSize } });
    } catch (err) {
      reject(new AppError('bad_request', m.unreadableForm((err as Error).message)));
      return;
    }
    const fields: Record<string, string> = {};
    let current: Readable | null = null;
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== 'file' || current) {
        stream.resume();
        return;
      }
      current = limitBytes(stream, maxBytes, m);
      resolve({ file: current, filename: info.filename ?? '', mimeType: info.mimeType, fields });
    });
    bb.on('error', (err) => {
      const e = new AppError('bad_request', m.unreadableForm((err as Error).message));
      if (current) current.destroy(e);
      else reject(e);
    });
    bb.on('close', () => {
      if (!current) reject(new AppError('bad_request', m.noFileField));
    });
    req.pipe(bb);
  });
}
