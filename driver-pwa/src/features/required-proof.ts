/**
 * Required proof of delivery on the phone: an order may require a photo and/or a signature
 * (`DriverStop.requireProof`); the delivery dialog cannot be confirmed without them, and the
 * event announces the files that follow it (`proofs`), as the server demands.
 */
import { DELIVERY_CODE_PATTERN, type ProofKind } from '@tournee/shared';
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

/**
 * Delivery codes (`DriverStop.requireCode`): the customer gives the driver the code their messages
 * told them; the dialog waits for 4 to 6 digits, and the server checks them (the phone never
 * knows the code: a wrong one comes back as a refusal, shown in the driver's language).
 */
export const isCodeTyped = (code: string): boolean => DELIVERY_CODE_PATTERN.test(code.trim());

const CODE_TEXT: Record<Locale, { label: string; required: string; wrong: string; missing: string; locked: string }> = {
  en: {
    label: 'Delivery code (from the customer)',
    required: 'This delivery requires the customer’s delivery code.',
    wrong: 'Wrong delivery code: ask the customer again.',
    missing: 'The delivery code is missing.',
    locked: 'Too many wrong delivery codes: ask your dispatcher to unlock this stop.',
  },
  fr: {
    label: 'Code de livraison (donné par le client)',
    required: 'Cette livraison exige le code de livraison du client.',
    wrong: 'Code de livraison erroné : redemandez-le au client.',
    missing: 'Le code de livraison manque.',
    locked: 'Trop de codes erronés : demandez à votre répartiteur de débloquer cet arrêt.',
  },
};

export const codeText = (locale: Locale) => CODE_TEXT[locale];

/** The server's refusal of a delivery code, in the phone's language; null for any other refusal. */
export function codeRefusalText(locale: Locale, message: string): string | null {
  if (!message.startsWith('deliveryCode:')) return null;
  const t = CODE_TEXT[locale];
  if (/too many/.test(message)) return t.locked;
  if (/wrong/.test(message)) return t.wrong;
  return t.missing;
}

/** "This delivery requires a photo and a signature." in the phone's language. */
export function requiredProofText(locale: Locale, kinds: readonly ProofKind[]): string {
  const t = TEXT[locale];
  return t.required(kinds.map((k) => t.kinds[k]).join(t.and));
}
