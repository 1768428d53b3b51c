/**
 * The four zip bombs of issue 11 (XLSX workbooks that inflate to hundreds of MB), the upload that
 * sends them to the import, and the server's peak memory: shared by the fault test, which checks
 * each is refused naming its limit in little memory, and `pnpm bench`, which prints how long.
 */
import { readFileSync } from 'node:fs';
import { sharedStringsBomb, sheetBomb } from './xlsx-bomb.ts';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The upload limit the server is given: small, so a too-large upload is quick to send; every bomb weighs less. */
export const BOMB_MAX_BYTES = 1024 * 1024;

export interface Bomb {
  label: string;
  body: Buffer;
  /** The limit the refusal must name. */
  limit: RegExp;
}

export async function importBombs(): Promise<Bomb[]> {
  return [
    { label: 'shared strings of 512 MB', body: await sharedStringsBomb(512), limit: /IMPORT_MAX_SHARED_STRING_CHARS/ },
    {
      label: 'shared strings behind data descriptors',
      body: await sharedStringsBomb(512, { descriptor: true }),
      limit: /IMPORT_MAX_SHARED_STRING_CHARS/,
    },
    {
      label: 'shared strings declaring 1 KB',
      body: await sharedStringsBomb(512, { declaredSize: 1000 }),
      limit: /IMPORT_MAX_SHARED_STRING_CHARS/,
    },
    { label: 'a sheet of 300 MB', body: await sheetBomb(300), limit: /IMPORT_MAX_ENTRY_BYTES/ },
  ];
}

/** POSTs a file to the import, as a raw body or as the `file` of a form; with the time it took. */
export async function postImport(
  baseUrl: string,
  token: string,
  file: Buffer,
  type: string,
  multipart: boolean,
): Promise<{ status: number; body: { error?: { message: string } } & Record<string, unknown>; ms: number }> {
  const bytes = new Uint8Array(file);
  let body: BodyInit = bytes;
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (multipart) {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), type === XLSX ? 'orders.xlsx' : 'orders.csv');
    body = form;
  } else headers['content-type'] = type;
  const started = Date.now();
  const res = await fetch(`${baseUrl}/api/orders/import`, { method: 'POST', body, headers });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), ms: Date.now() - started };
}

/** Sends every bomb at once (forms and raw bodies alternating), as an attacker would. */
export function postBombsAtOnce(baseUrl: string, token: string, bombs: Bomb[]) {
  return Promise.all(bombs.map((b, i) => postImport(baseUrl, token, b.body, XLSX, i % 2 === 0)));
}

/** A process's peak resident memory so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(m[1]) / 1024;
}
