/**
 * The upload size limit (IMPORT_MAX_BYTES), counted on the body as it streams in: nothing is
 * buffered to learn the size, and the declared Content-Length is not trusted.
 */
import { type Readable, Transform } from 'node:stream';
import { AppError } from '../../errors.ts';
import type { ImportMessages } from './messages.ts';

/** 413, naming the limit. */
export const tooLarge = (maxBytes: number, m: ImportMessages): AppError =>
  new AppError('bad_request', m.tooLarge(maxBytes), {
    status: 413,
    details: { limit: 'IMPORT_MAX_BYTES', maxBytes },
  });

/**
 * `input` piped through a byte counter that fails with a 413 past `maxBytes`. The input is
 * piped, not destroyed: the request's socket must stay open for the answer.
 */
export function limitBytes(input: Readable, maxBytes: number, m: ImportMessages): Readable {
  let seen = 0;
  const counter = new Transform({
    // As much buffered as a socket read brings and more, so the count adds no pause to the upload.
    highWaterMark: 1024 * 1024,
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) {
        input.unpipe(counter);
        done(tooLarge(maxBytes, m));
        return;
      }
      done(null, chunk);
    },
  });
  input.on('error', (err) => counter.destroy(err));
  input.pipe(counter);
  return counter;
}
