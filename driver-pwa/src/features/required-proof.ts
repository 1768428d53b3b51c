/**
 * Required proof of delivery on the phone: an order may require a photo and/or a signature
 * (`DriverStop.requireProof`); the delivery dialog cannot be confirmed without them, and the
 * event announces the files that follow it (`proofs`), as the server demands.
 */
import type { ProofKind } from '@tournee/shared';
import type { Locale } from '../i18n.ts';

/** What a filled-in dialog holds (see dialogs.tsx `Proof`). */
export interface ProofTaken {
  photo: string | null;
  signature: string | null;
}

/** The kinds of proof the dialog holds, as the event announces them. */
export function proofsTaken(p: ProofTaken | undefined): ProofKind[] {
  const out: ProofKind[] = [];
  if (p?.photo) out.push('photo');
  if (p?.signature) out.push('signature');
  return out;
}

/** The kinds required and not yet taken. */
export function missingProof(required: readonly ProofKind[] | undefined, p: ProofTaken): ProofKind[] {
  if (!required?.length) return [];
  const taken = proofsTaken(p);
  return required.filter((k) => !taken.includes(k));
}

const TEXT: Record<Locale, { required: (what: string) => string; kinds: Record<ProofKind, string>; and: string }> = {
  en: {
    required: (what) => `This delivery requires ${what}.`,
    kinds: { photo: 'a photo', signature: 'a signature' },
    and: ' and ',
  },
  fr: {
    required: (what) => `Cette livraison exige ${what}.`,
    kinds: { photo: 'une photo', signature: 'une signature' },
    and: ' et ',
  },
};

/** "This delivery requires a photo and a signature." in the phone's language. */
export function requiredProofText(locale: Locale, kinds: readonly ProofKind[]): string {
  const t = TEXT[locale];
  return t.required(kinds.map((k) => t.kinds[k]).join(t.and));
}
