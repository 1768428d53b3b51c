/**
 * Proof of delivery files (photo, signature), tied to the stop event they prove. Stored once per
 * (event, kind): a retried upload answers the file already stored. The event must have reached
 * the server first (the phone's outbox sends it before its files): otherwise 409, retried later.
 * A file is stored only when its bytes are the image type declared (422 otherwise), and served
 * only as the type its bytes show (see image-type.ts).
 */
import { MAX_PROOF_BYTES, type ProofUpload } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import type { ProofFilesRow } from '../db/rows/proof_files.ts';
import type { StopEventsRow } from '../db/rows/stop_events.ts';
import type { DriverPrincipal } from '../drivers/access-repo.ts';
import { AppError, notFound } from '../errors.ts';
import { sniffImageType } from './image-type.ts';

export interface ProofFile {
  id: string;
  eventId: string;
  kind: 'photo' | 'signature';
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}

/** Stores one proof file; `created` is false when this event already had a file of this kind. */
export async function saveProof(
  db: Db,
  driver: DriverPrincipal,
  stopId: string,
  p: ProofUpload,
): Promise<{ proof: ProofFile; created: boolean }> {
  const data = Buffer.from(p.data, 'base64');
  if (data.length === 0) throw new AppError('bad_request', 'data: must be the file in base64');
  if (data.length > MAX_PROOF_BYTES)
    throw new AppError('bad_request', `data: the file is over ${MAX_PROOF_BYTES} bytes`);
  const actual = sniffImageType(data);
  if (actual !== p.contentType) {
    throw new AppError(
      'unprocessable',
      actual
        ? `data: the file is ${actual}, not ${p.contentType} as contentType says`
        : `data: the file is not ${p.contentType} (its first bytes are not an image's)`,
    );
  }
  return db.transaction(async (tx) => {
    const ev = await tx.query<{ stop_id: string; driver_id: string }>(
      'SELECT stop_id, driver_id FROM stop_events WHERE id = $1',
      [p.eventId],
    );
    const e = ev.rows[0];
    if (!e)
      throw new AppError(
        'conflict',
        `eventId: the stop event ${p.eventId} has not reached the server yet; send it first`,
      );
    if (e.driver_id !== driver.driverId) throw new AppError('forbidden', 'eventId: this event is not yours');
    if (e.stop_id !== stopId) throw new AppError('bad_request', `eventId: event ${p.eventId} is not of stop ${stopId}`);
    const ins = await tx.query<{ id: string; created_at: Date }>(
      `INSERT INTO proof_files (stop_event_id, kind, content_type, data, size_bytes) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (stop_event_id, kind) DO NOTHING RETURNING id, created_at`,
      [p.eventId, p.kind, p.contentType, data, data.length],
    );
    if (ins.rows[0]) {
      const actor: Actor = { userId: null, orgId: driver.orgId, role: 'driver' };
      await recordEvent(tx, actor, 'upload_proof', 'stop', stopId, {
        eventId: p.eventId,
        kind: p.kind,
        bytes: data.length,
      });
      const r = ins.rows[0];
      return {
        created: true,
        proof: {
          id: r.id,
          eventId: p.eventId,
          kind: p.kind,
          contentType: p.contentType,
          sizeBytes: data.length,
          createdAt: r.created_at.toISOString(),
        },
      };
    }
    const [existing] = await listProofsOfEvent(tx, p.eventId, p.kind);
    return { created: false, proof: existing! };
  });
}

async function listProofsOfEvent(db: Db, eventId: string, kind?: string): Promise<ProofFile[]> {
  const { rows } = await db.query<
    Pick<ProofFilesRow, 'id' | 'stop_event_id' | 'content_type' | 'size_bytes' | 'created_at'> & {
      kind: ProofFile['kind'];
    }
  >(
    `SELECT id, stop_event_id, kind, content_type, size_bytes, created_at FROM proof_files
      WHERE stop_event_id = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY created_at`,
    [eventId, kind ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    eventId: r.stop_event_id,
    kind: r.kind,
    contentType: r.content_type,
    sizeBytes: r.size_bytes ?? 0,
    createdAt: r.created_at.toISOString(),
  }));
}

/** The stop's events (in the order applied) with their proof files, for the dispatcher. */
export async function stopHistory(db: Db, orgId: string, stopId: string) {
  const { rows } = await db.query<
    Pick<StopEventsRow, 'id' | 'type' | 'reason' | 'note' | 'recipient_name' | 'device_at' | 'received_at'>
  >(
    `SELECT e.id, e.type, e.reason, e.note, e.recipient_name, e.device_at, e.received_at FROM stop_events e
       JOIN stops s ON s.id = e.stop_id JOIN routes r ON r.id = s.route_id
      WHERE e.stop_id = $1 AND r.org_id = $2 ORDER BY e.seq`,
    [stopId, orgId],
  );
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      type: r.type,
      reason: r.reason,
      note: r.note,
      recipientName: r.recipient_name,
      deviceAt: r.device_at.toISOString(),
      receivedAt: r.received_at.toISOString(),
      proofs: await listProofsOfEvent(db, r.id),
    })),
  );
}

/**
 * One proof file's bytes, if it belongs to the organisation, with the type its bytes show: a file
 * stored before types were checked and whose bytes are no image is given as an opaque download.
 */
export async function readProof(
  db: Db,
  orgId: string,
  id: string,
): Promise<{ contentType: string; data: Buffer; image: boolean }> {
  const { rows } = await db.query<{ content_type: string; data: Buffer }>(
    `SELECT p.content_type, p.data FROM proof_files p JOIN stop_events e ON e.id = p.stop_event_id
      JOIN stops s ON s.id = e.stop_id JOIN routes r ON r.id = s.route_id WHERE p.id = $1 AND r.org_id = $2`,
    [id, orgId],
  );
  if (!rows[0]) throw notFound('Proof file');
  const actual = sniffImageType(rows[0].data);
  return actual
    ? { contentType: actual, data: rows[0].data, image: true }
    : { contentType: 'application/octet-stream', data: rows[0].data, image: false };
}
