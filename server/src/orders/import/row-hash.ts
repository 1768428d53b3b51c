import { hash } from 'node:crypto';
import type { ValidRow } from './validate-row.ts';

/** The content hash of a row as validated (before geocoding, so a re-import skips the geocoder). */
export function hashRow(r: ValidRow): string {
  // Fields joined by the unit separator: several times cheaper than JSON.stringify, and a
  // 100,000-row import hashes every row. 'v1' leaves room to change what is hashed.
  let windows = '';
  for (const w of r.timeWindows) windows += `${w.start}-${w.end},`;
  const text = `v1\x1f${r.ref}\x1f${r.name}\x1f${r.phone ?? ''}\x1f${r.email ?? ''}\x1f${r.address}\x1f${r.lon ?? ''}\x1f${r.lat ?? ''}\x1f${
    r.dateFrom
  }\x1f${r.dateTo}\x1f${windows}\x1f${r.serviceS}\x1f${r.demand.join(',')}\x1f${r.skills.join('\x1e')}\x1f${r.priority}\x1f${r.notes}`;
  // Appended only when set: an order without required proof hashes as before the field existed,
  // so re-importing an older file is still "unchanged".
  let tail = r.requireProof.length ? `\x1fproof:${r.requireProof.join(',')}` : '';
  // A pickup (pickup and delivery orders), likewise only when set.
  if (r.pickup) {
    let pw = '';
    for (const w of r.pickup.timeWindows) pw += `${w.start}-${w.end},`;
    tail += `\x1fpickup:${r.pickup.address}|${r.pickup.lon ?? ''}|${r.pickup.lat ?? ''}|${pw}`;
  }
  // What intake rules add beyond the file's fields, likewise only when set.
  if (r.depotId || r.hold || r.tags?.length)
    tail += `\x1frules:${r.depotId ?? ''}|${r.hold ? 1 : 0}|${(r.tags ?? []).join('\x1e')}`;
  return hash('sha1', tail ? text + tail : text, 'base64');
}
