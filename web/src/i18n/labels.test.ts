import { WEBHOOK_EVENTS } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { translate } from './i18n.tsx';
import { dimensionLabel, quantityLabel, webhookEventLabel } from './labels.ts';
import { en, fr } from './messages.ts';

const tFr = (k: string, v?: Record<string, string | number>) => translate(fr, 'fr-FR', k, v);
const tEn = (k: string, v?: Record<string, string | number>) => translate(en, 'en-GB', k, v);

describe('codes in words', () => {
  it('names every webhook event in English and in French, never as its code', () => {
    for (const type of WEBHOOK_EVENTS) {
      for (const t of [tEn, tFr]) expect(webhookEventLabel(t, type)).not.toBe(type);
      expect(webhookEventLabel(tFr, type)).not.toBe(webhookEventLabel(tEn, type));
    }
    expect(webhookEventLabel(tFr, 'order.delivered')).toBe('Une commande est livrée');
    expect(webhookEventLabel(tEn, 'order.some_new_event')).toBe('order.some_new_event');
  });

  it('names the quantities the fleet and order screens show in the user’s language', () => {
    expect(dimensionLabel(tFr, 'parcels')).toBe('colis');
    expect(quantityLabel(tFr, 'parcels', 4)).toBe('4 colis');
    expect(quantityLabel(tEn, 'parcels', 1)).toBe('1 parcel');
    expect(tFr('orders.field.demandOf', { dim: dimensionLabel(tFr, 'parcels') })).toBe('Quantité (colis)');
  });
});
