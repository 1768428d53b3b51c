import type { Alert } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { type TextKey, type TextValues, translate } from '../../i18n/i18n.tsx';
import { en, fr } from '../../i18n/messages.ts';
import { alertDetail } from './alert-text.ts';

const inEnglish = (key: TextKey, values?: TextValues) => translate(en, 'en-GB', key, values);
const inFrench = (key: TextKey, values?: TextValues) => translate(fr, 'fr-FR', key, values);

const run = (details: Record<string, unknown>) =>
  ({
    type: 'plan_schedule',
    details: { scheduleName: 'Evening', from: '2026-03-05', to: '2026-03-06', status: 'done', ...details },
  }) as unknown as Alert;

describe('the text of a scheduled run in the alert inbox', () => {
  it('says how many orders went on routes and how many were left out, and why', () => {
    const a = run({ kind: 'plan', assigned: 41, unassigned: 3, reasons: { capacity: 1, time_window: 2 } });
    expect(alertDetail(a, inEnglish, 'en-GB')).toBe(
      'Evening: 05/03/2026 to 06/03/2026 planned, 41 orders on routes, 3 left out — ' +
        '2 × no route can reach it within its time windows; 1 × its demand does not fit in any vehicle with room left',
    );
    expect(alertDetail(a, inFrench, 'fr-FR')).toBe(
      'Evening : du 05/03/2026 au 06/03/2026 planifié, 41 commandes sur des tournées, 3 laissées de côté — ' +
        '2 × aucune tournée ne peut l’atteindre dans ses créneaux; 1 × sa demande ne tient dans aucun véhicule ayant encore de la place',
    );
  });

  it('uses the singular and says when nothing was left out', () => {
    const a = run({ kind: 'plan', assigned: 1, unassigned: 0, reasons: {} });
    expect(alertDetail(a, inEnglish, 'en-GB')).toBe(
      'Evening: 05/03/2026 to 06/03/2026 planned, 1 order on a route, none left out',
    );
    expect(alertDetail(a, inFrench, 'fr-FR')).toBe(
      'Evening : du 05/03/2026 au 06/03/2026 planifié, 1 commande sur une tournée, aucune laissée de côté',
    );
    const one = run({ kind: 'plan', assigned: 0, unassigned: 1, reasons: { skills: 1 } });
    expect(alertDetail(one, inFrench, 'fr-FR')).toMatch(/0 commande sur une tournée, 1 laissée de côté — 1 × /);
  });

  it('says what a publication sent, and the locked routes it left', () => {
    const a = run({ kind: 'publish', publishedRoutes: 4, publishedOrders: 37, lockedRoutes: 1 });
    expect(alertDetail(a, inEnglish, 'en-GB')).toBe(
      'Evening: 05/03/2026 to 06/03/2026 published, 4 routes (37 orders), 1 locked route left unpublished',
    );
    const b = run({ kind: 'publish', publishedRoutes: 1, publishedOrders: 1, lockedRoutes: 0 });
    expect(alertDetail(b, inFrench, 'fr-FR')).toBe(
      'Evening : du 05/03/2026 au 06/03/2026 publié, 1 tournée (1 commande)',
    );
  });

  it('names the error of a failed run, and keeps the short text of alerts without counts', () => {
    expect(alertDetail(run({ kind: 'plan', status: 'failed', error: 'no vehicle' }), inEnglish, 'en-GB')).toBe(
      'Evening did not run (no vehicle)',
    );
    expect(alertDetail(run({ kind: 'plan' }), inEnglish, 'en-GB')).toBe('Evening: 05/03/2026 to 06/03/2026 planned');
  });
});
