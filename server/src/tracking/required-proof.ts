/**
 * Required proof of delivery (orders.require_proof, set by the file or by intake rules): a
 * `delivered` event must announce the proof files that follow it (`proofs`), else it is
 * refused — 422, final: the phone drops it and the driver is told. The files come after the
 * event (they name it), so their arrival is watched by the `pod_missing` alert, not here.
 */
import { PROOF_KINDS, type ProofKind, type StopEventInput } from '@tournee/shared';
import { AppError } from '../errors.ts';

const WORDS: Record<ProofKind, string> = { photo: 'a photo', signature: 'a signature' };

/** The kinds required and not announced by the event, in PROOF_KINDS order. */
export function missingProof(required: readonly string[] | null, e: StopEventInput): ProofKind[] {
  if (e.type !== 'delivered' || !required?.length) return [];
  const given = e.proofs ?? [];
  return PROOF_KINDS.filter((k) => required.includes(k) && !given.includes(k));
}

/** Refuses a delivery without the proof its order requires, naming what is missing. */
export function assertRequiredProof(required: readonly string[] | null, e: StopEventInput): void {
  const missing = missingProof(required, e);
  if (missing.length === 0) return;
  throw new AppError(
    'unprocessable',
    `proofs: this delivery requires ${missing.map((k) => WORDS[k]).join(' and ')}; take it, then confirm the delivery again`,
    { details: { missing } },
  );
}
