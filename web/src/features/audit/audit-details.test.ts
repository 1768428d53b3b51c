import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n.tsx';
import { fr } from '../../i18n/messages.ts';
import { actionWords, detailsText } from './audit-details.ts';

const t = (k: string, v?: Record<string, string | number>) => translate(fr, 'fr-FR', k, v);

describe('audit details in words', () => {
  it('names a status change in French, statuses included', () => {
    expect(detailsText({ to: 'dispatched', from: 'planned', cause: 'publish' }, 'fr', t)).toBe(
      'vers: Partie en livraison · de: Planifiée · cause: publish',
    );
    expect(actionWords('order.status', 'fr')).toBe('Changement de statut');
  });

  it('keeps what it does not know as the server wrote it, cut when long', () => {
    expect(detailsText({ zz: 'x'.repeat(80), ok: true }, 'fr', t)).toBe(`zz: ${'x'.repeat(57)}… · ok: oui`);
    expect(actionWords('shop.mystery', 'en')).toBeNull();
  });
});
