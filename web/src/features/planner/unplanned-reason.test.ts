import { SOLVER_UNASSIGNED_REASONS } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { format } from '../../i18n/i18n.tsx';
import { en, fr, type MessageKey } from '../../i18n/messages.ts';
import { unplannedReasonText } from './unplanned-reason.ts';

const inEnglish = (key: MessageKey, values?: Record<string, string | number>) => format(en[key], values);
const inFrench = (key: MessageKey, values?: Record<string, string | number>) => format(fr[key], values);

describe('unplannedReasonText', () => {
  it("says the solver's reasons in the app language", () => {
    expect(unplannedReasonText('capacity', inEnglish)).toBe('its demand does not fit in any vehicle with room left');
    expect(unplannedReasonText('skills', inFrench)).toBe(
      'aucun véhicule en service ses jours-là n’a les compétences demandées',
    );
    expect(unplannedReasonText('time_window', inFrench)).toBe('aucune tournée ne peut l’atteindre dans ses créneaux');
  });

  it('says why a named order was not even tried: held, cancelled, failed, no shift', () => {
    expect(unplannedReasonText('on_hold', inEnglish)).toBe('it is on hold: release it to plan it');
    expect(unplannedReasonText('cancelled', inFrench)).toBe('elle est annulée');
    expect(unplannedReasonText('status:failed', inEnglish)).toBe('its delivery failed: reschedule it to plan it again');
    expect(unplannedReasonText('status:failed', inFrench)).toBe(
      'sa livraison a échoué : reprogrammez-la pour la planifier à nouveau',
    );
    expect(unplannedReasonText('no_shift_on_allowed_days', inFrench)).toBe(
      'aucun véhicule n’a de service sur ses jours autorisés dans la période planifiée',
    );
    // The older code, in plans stored before it was renamed.
    expect(unplannedReasonText('no_shift', inEnglish)).toBe(unplannedReasonText('no_shift_on_allowed_days', inEnglish));
  });

  it('has a sentence in both languages for every reason the server gives', () => {
    const reasons = [
      ...SOLVER_UNASSIGNED_REASONS,
      'no_shift_on_allowed_days',
      'on_hold',
      'cancelled',
      'outside_range',
      'on_other_route',
      'status:delivered',
      'status:failed',
      'status:skipped',
    ];
    for (const r of reasons) {
      expect(unplannedReasonText(r, inEnglish)).not.toBe(r);
      expect(unplannedReasonText(r, inFrench)).not.toBe(unplannedReasonText(r, inEnglish));
    }
  });

  it("falls back to the server's sentence, then the status, then the code, for a reason it does not know", () => {
    expect(unplannedReasonText('new_reason', inFrench, 'a newer reason')).toBe('a newer reason');
    expect(unplannedReasonText('status:planned', inFrench)).toBe('son statut est planned');
    expect(unplannedReasonText('new_reason', inEnglish)).toBe('new_reason');
  });
});
