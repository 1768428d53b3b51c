import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n.tsx';
import { fr } from '../../i18n/messages.ts';
import { actionWords, detailsText } from './audit-details.ts';

const t = (k: string, v?: Record<string, string | number>) => translate(fr, 'fr-FR', k, v);

describe('audit details in words', () => {
  it('names a status change in French, statuses included', () => {
    expect(detailsText({ to: 'dispatched', from: 'planned', cause: 'publish' }, 'fr', t)).toBe(
      'vers: Partie en livraison · de: Planifiée · cause: publication',
    );
    expect(actionWords('order.status', 'fr')).toBe('Changement de statut');
  });

  it('writes days, numbers and empty changes as the user reads them', () => {
    const line = detailsText({ date: '2026-12-02', orders: 1234, changed: {} }, 'fr', t).replace(
      /[\u00a0\u202f]/g,
      ' ',
    );
    expect(line).toBe('jour: 02/12/2026 · commandes: 1 234 · modifié: —');
  });

  it('keeps what it does not know as the server wrote it, cut when long', () => {
    expect(detailsText({ zz: 'x'.repeat(80), ok: true }, 'fr', t)).toBe(`zz: ${'x'.repeat(57)}… · ok: oui`);
    expect(actionWords('shop.mystery', 'en')).toBeNull();
  });

  it('words the newer actions (accounts, schedules, rules, templates, keys, webhooks) in both languages', () => {
    const cases: [string, string, string][] = [
      ['user.disable', 'Disabled', 'Désactivation'],
      ['user.enable', 'Enabled', 'Activation'],
      ['user.reset_password', 'Password reset', 'Mot de passe réinitialisé'],
      ['scheduled_plan', 'Scheduled planning', 'Planification programmée'],
      ['scheduled_publish', 'Scheduled publication', 'Publication programmée'],
      ['automation_rule.create', 'Created', 'Création'],
      ['automation_rule.reorder', 'Order of the rules changed', 'Ordre des règles modifié'],
      ['pause', 'Paused', 'Mise en pause'],
      ['api_key.revoke', 'Revoked', 'Révocation'],
      ['webhook.replay', 'Events sent again', 'Événements renvoyés'],
      ['auth.totp_enabled', 'Two-factor turned on', 'Double authentification activée'],
      ['route.start_override', 'Start allowed', 'Départ autorisé'],
      ['order.hold', 'Put on hold', 'Mise en attente'],
      ['lock', 'Locked', 'Verrouillage'],
    ];
    for (const [action, en, fr] of cases) {
      expect(actionWords(action, 'en'), action).toBe(en);
      expect(actionWords(action, 'fr'), action).toBe(fr);
    }
  });
});
