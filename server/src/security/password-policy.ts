/**
 * The password rule for every password a person chooses (user creation, change, ADMIN_PASSWORD):
 * at least 12 characters and a zxcvbn score of 3 or more, so "Password1234" is refused with the
 * reason. Generated passwords (invitations, resets) are random and need no check.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | null = null;
// Building the ranked dictionaries takes a moment: once, on first use.
const checker = () => (factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }));

// zxcvbn answers translation keys; these are the sentences shown for them.
const WARNINGS: Record<string, string> = {
  straightRow: 'a straight row of keys is easy to guess',
  keyPattern: 'a short keyboard pattern is easy to guess',
  simpleRepeat: 'repeated characters like "aaa" are easy to guess',
  extendedRepeat: 'repeated patterns like "abcabcabc" are easy to guess',
  sequences: 'sequences like "abc" or "1234" are easy to guess',
  recentYears: 'recent years are easy to guess',
  dates: 'dates are easy to guess',
  topTen: 'it is one of the ten most used passwords',
  topHundred: 'it is one of the hundred most used passwords',
  common: 'it is a commonly used password',
  similarToCommon: 'it is too close to a commonly used password',
  wordByItself: 'a single word is easy to guess',
  namesByThemselves: 'names on their own are easy to guess',
  commonNames: 'common names are easy to guess',
  userInputs: 'it contains personal or site-related words',
  pwned: 'it has appeared in a data breach',
};

export interface PasswordVerdict {
  ok: boolean;
  score: number;
  /** Why it is refused, in a sentence (null when accepted). */
  reason: string | null;
}

/** Judges a password; `personal` are words about the person (email, name) that make it weaker. */
export function judgePassword(password: string, personal: string[] = []): PasswordVerdict {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { ok: false, score: 0, reason: `it must be at least ${MIN_PASSWORD_LENGTH} characters long` };
  }
  const result = checker().check(password, personal.filter(Boolean));
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true, score: result.score, reason: null };
  const warning = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
  return {
    ok: false,
    score: result.score,
    reason: `it is too easy to guess (strength ${result.score} of 4, at least ${MIN_PASSWORD_SCORE} needed)${warning ? `: ${warning}` : ''}; use a few unrelated words or a longer phrase`,
  };
}
