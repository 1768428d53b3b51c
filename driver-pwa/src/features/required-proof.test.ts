import { describe, expect, it } from 'vitest';
import { codeRefusalText, isCodeTyped, missingProof, proofsTaken, requiredProofText } from './required-proof.ts';

describe('required proof on the phone', () => {
  it('lists what is required and not yet taken', () => {
    expect(missingProof(['photo'], { photo: null, signature: 'data:sig' })).toEqual(['photo']);
    expect(missingProof(['photo', 'signature'], { photo: 'data:p', signature: null })).toEqual(['signature']);
    expect(missingProof(undefined, { photo: null, signature: null })).toEqual([]);
  });

  it('announces the proof the event carries', () => {
    expect(proofsTaken({ photo: 'data:p', signature: 'data:s' })).toEqual(['photo', 'signature']);
    expect(proofsTaken(undefined)).toEqual([]);
  });

  it('says what is missing in the phone’s language', () => {
    expect(requiredProofText('en', ['photo', 'signature'])).toBe('This delivery requires a photo and a signature.');
    expect(requiredProofText('fr', ['photo'])).toBe('Cette livraison exige une photo.');
  });

  it('waits for 4 to 6 digits of delivery code, and says the server’s refusal in the phone’s language', () => {
    expect(isCodeTyped('482')).toBe(false);
    expect(isCodeTyped(' 4821 ')).toBe(true);
    expect(isCodeTyped('48a1')).toBe(false);
    expect(codeRefusalText('fr', 'deliveryCode: wrong delivery code; 3 tries left')).toBe(
      'Code de livraison erroné : redemandez-le au client.',
    );
    expect(codeRefusalText('en', 'deliveryCode: too many wrong delivery codes at this stop')).toMatch(/dispatcher/);
    expect(codeRefusalText('en', 'proofs: this delivery requires a photo')).toBeNull();
  });
});
