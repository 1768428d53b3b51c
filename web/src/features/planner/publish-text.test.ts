import { describe, expect, it } from 'vitest';
import { type TextKey, type TextValues, translate } from '../../i18n/i18n.tsx';
import { en, fr, type MessageKey } from '../../i18n/messages.ts';
import { publishSentences } from './publish-text.ts';

const tr = (cat: Record<MessageKey, string>, locale: string) => (k: TextKey, v?: TextValues) =>
  translate(cat, locale, k, v);

describe('publish confirmation text', () => {
  it('says how many customers will be texted and emailed, in English', () => {
    expect(publishSentences({ routes: 3, orders: 36, sms: 36, email: 36, drivers: 3 }, 'en', tr(en, 'en'))).toEqual([
      '3 routes will be sent to 3 drivers.',
      '36 orders will be dispatched.',
      '36 customers will be texted and emailed.',
    ]);
  });

  it('uses the French singular for one and for none', () => {
    expect(publishSentences({ routes: 1, orders: 1, sms: 1, email: 0, drivers: 1 }, 'fr', tr(fr, 'fr'))).toEqual([
      '1 tournée sera envoyée à son chauffeur.',
      '1 commande sera expédiée.',
      '1 client recevra un SMS.',
    ]);
    expect(publishSentences({ routes: 2, orders: 9, sms: 0, email: 0, drivers: 2 }, 'fr', tr(fr, 'fr'))[2]).toBe(
      'Aucun client ne sera prévenu.',
    );
  });
});
