/**
 * What a proof file really is, from its first bytes (its "magic number"), whatever the phone
 * declared: a file is stored and served only as the image type its bytes show, so an HTML page
 * or an SVG with scripts uploaded as "image/jpeg" can never be served as something a browser runs.
 */

/** The image types a proof file may be (those of ProofUpload.contentType). */
export type ProofImageType = 'image/jpeg' | 'image/png' | 'image/webp';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type the bytes are, or null when they are none of the proof types. */
export function sniffImageType(b: Uint8Array): ProofImageType | null {
  // JPEG: start-of-image marker FF D8, then the next marker's FF.
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, PNG)) return 'image/png';
  // WebP: a RIFF container (4-byte size after "RIFF") of form type "WEBP".
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}
