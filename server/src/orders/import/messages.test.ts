import { describe, expect, it } from 'vitest';
import { IMPORT_MESSAGES, importLang } from './messages.ts';

const { en, fr } = IMPORT_MESSAGES;
// Intl writes French thousands with a narrow no-break space.
const spaces = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('import messages', () => {
  it('says one row or several rows, in each language, instead of "row(s)"', () => {
    expect(en.rejectedNothingImported(1)).toBe(
      '1 row rejected, nothing imported: fix it, or import with partial=true to write the good rows',
    );
    expect(en.rejectedNothingImported(3)).toBe(
      '3 rows rejected, nothing imported: fix them, or import with partial=true to write the good rows',
    );
    expect(fr.rejectedNothingImported(1)).toBe(
      "1 ligne rejetée, rien n'a été importé : corrigez-la, ou importez avec partial=true pour écrire les bonnes lignes",
    );
    expect(fr.rejectedNothingImported(3)).toBe(
      "3 lignes rejetées, rien n'a été importé : corrigez-les, ou importez avec partial=true pour écrire les bonnes lignes",
    );
  });

  it('puts counts of one in the singular wherever a limit may be set to one', () => {
    expect(en.rejectionsPurged(1)).toContain('they are kept 1 day (');
    expect(en.rejectionsPurged(30)).toContain('they are kept 30 days (');
    expect(fr.rejectionsPurged(1)).toContain('elles sont gardées 1 jour (');
    expect(fr.rejectionsPurged(30)).toContain('elles sont gardées 30 jours (');
    expect(en.rejectedTruncated(1, 40)).toMatch(/^only the first of the 40 rejected rows is listed \(/);
    expect(en.rejectedTruncated(5, 40)).toMatch(/^only the first 5 of the 40 rejected rows are listed \(/);
    expect(fr.rejectedTruncated(1, 40)).toMatch(/^seule la première des 40 lignes rejetées est listée \(/);
    expect(fr.rejectedTruncated(5, 40)).toMatch(/^seules les 5 premières des 40 lignes rejetées sont listées \(/);
    expect(en.xlsxLimit('rowCells', 1, 'sheet1.xml')).toContain('more than 1 cell (');
    expect(fr.xlsxLimit('sharedStrings', 1, 'x')).toContain('plus de 1 texte distinct (');
  });

  it('spells the date formats with the letters of the language (the English text once had AAAA-MM-JJ)', () => {
    expect(en.value.notDate).toContain('YYYY-MM-DD or DD/MM/YYYY');
    expect(fr.value.notDate).toContain('AAAA-MM-JJ ou JJ/MM/AAAA');
  });

  it('writes counts as the language does, and row numbers as the sheet shows them', () => {
    expect(en.xlsxLimit('sharedStrings', 2_000_000, 'x')).toContain('more than 2,000,000 distinct texts');
    expect(spaces(fr.xlsxLimit('sharedStrings', 2_000_000, 'x'))).toContain('plus de 2 000 000 textes distincts');
    expect(spaces(fr.rejectedTruncated(10_000, 12_345))).toMatch(/^seules les 10 000 premières des 12 345 lignes/);
    expect(fr.tooLarge(1.5 * 1048576)).toMatch(/^Le fichier dépasse 1,5 Mo,/);
    expect(en.tooLarge(50 * 1048576)).toMatch(/^The file is larger than 50 MB,/);
    // A limit under 50 KB is not rounded away to "0 MB".
    expect(en.tooLarge(40_000)).toMatch(/^The file is larger than 0\.04 MB,/);
    expect(fr.tooLarge(40_000)).toMatch(/^Le fichier dépasse 0,04 Mo,/);
    expect(en.warn.distance(273, 150)).toMatch(/^is 273 km from the nearest depot, farther than 150 km/);
    expect(en.duplicateRef(12345)).toBe('appears again: row 12345 has the same ref');
    expect(fr.unclosedQuote(12345)).toContain('commence ligne 12345 ');
    expect(en.xlsxNul('AB12', 'x')).toContain('cell AB12 (row 12, column AB)');
  });

  it('fills values as they are, never read as templates', () => {
    expect(en.unknownProof("{kind} l'{x} #")).toMatch(/^"\{kind\} l'\{x\} #" is not a kind of proof/);
    expect(fr.sameField('Réf', "l'ref", 'ref')).toMatch(/^« Réf » et « l'ref » contiennent tous deux ref :/);
  });

  it('answers in the language of Accept-Language, English by default', () => {
    expect(importLang('fr-FR,fr;q=0.9,en;q=0.5')).toBe('fr');
    expect(importLang('de-DE')).toBe('en');
    expect(importLang(undefined)).toBe('en');
  });
});
