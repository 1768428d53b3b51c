/**
 * The kinds of proof of delivery, apart from the schemas that use them (tracking.ts, orders.ts):
 * the import's row thread needs the list, and importing it from a module of schemas made every
 * import's thread load zod and build those schemas first (~90 ms).
 */
export const PROOF_KINDS = ['photo', 'signature'] as const;
/** A kind of proof-of-delivery file; an order may require some (`Order.requireProof`). */
export type ProofKind = (typeof PROOF_KINDS)[number];
/**
 * What an order may require at delivery (`Order.requireProof`): the proof files, or `code` — the
 * order's delivery code, told to the customer and typed by the driver (no file: `pod_missing`
 * never waits for it).
 */
export const REQUIRED_PROOF_KINDS = ['photo', 'signature', 'code'] as const;
export type RequiredProof = (typeof REQUIRED_PROOF_KINDS)[number];
