import type { HistoryEntry } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n.tsx';
import { en, fr } from '../../i18n/messages.ts';
import { historyLine } from './history-text.ts';

const tFr = (k: string, v?: Record<string, string | number>) => translate(fr, 'fr-FR', k, v);
const tEn = (k: string, v?: Record<string, string | number>) => translate(en, 'en-GB', k, v);
const entry = (kind: HistoryEntry['kind'], details: Record<string, unknown>, summary = '') =>
  ({ kind, details, summary }) as unknown as HistoryEntry;

describe('historyLine', () => {
  it('says what changed a status in words, not as the server’s code', () => {
    const e = entry('status', { from: 'planned', to: 'dispatched', cause: 'publish' });
    expect(historyLine(e, 'fr', tFr)).toBe('Statut Planifiée → Partie en livraison (publication)');
    expect(historyLine(e, 'en', tEn)).not.toContain('(publish)');
    expect(historyLine(entry('status', { from: 'imported', to: 'planned', cause: 'plan' }), 'fr', tFr)).toContain(
      '(planification)',
    );
  });

  it('names a message’s channel in the language (E-mail, not EMAIL)', () => {
    const e = entry('message', { channel: 'email', trigger: 'x', recipient: 'a@b.fr', status: 'sent' });
    expect(historyLine(e, 'fr', tFr)).toMatch(/^E-mail « /);
  });

  it('names the fields an edit of the order changed, not the action’s code', () => {
    const e = entry('edit', { action: 'order.update', changes: { notes: 'x', pickup: null } }, 'order.update');
    expect(historyLine(e, 'en', tEn)).toBe('Changed: Notes for the driver, Pickup');
    expect(historyLine(e, 'fr', tFr)).toBe('Modifiée : Notes pour le chauffeur, Enlèvement');
  });
});
