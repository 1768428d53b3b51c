import { describe, expect, it } from 'vitest';
import { renderMessage } from './templates.ts';

describe('the rescheduled message', () => {
  const vars = { name: 'Chloé', orgName: 'Tournée', timeZone: 'Europe/Paris', link: 'https://x/t/abc' };

  it('confirms the chosen day and window in French and English, with the link', () => {
    const moved = { ...vars, newDate: '2026-12-03', newWindow: { start: '12:00', end: '17:00' } };
    const fr = renderMessage('rescheduled', 'fr-FR', moved);
    expect(fr.sms).toContain('reprogrammée au jeudi 3 décembre entre 12:00 et 17:00');
    expect(fr.sms).toContain('https://x/t/abc');
    expect(fr.subject).toBe('Tournée – Livraison reprogrammée au jeudi 3 décembre');
    const en = renderMessage('rescheduled', 'en', moved);
    expect(en.text).toContain('moved to Thursday 3 December between 12:00 and 17:00');
  });

  it('says the day alone when no window was chosen', () => {
    const fr = renderMessage('rescheduled', 'fr', { ...vars, newDate: '2026-12-03', newWindow: null });
    expect(fr.sms).toContain('reprogrammée au jeudi 3 décembre. ');
  });

  it('points a failed delivery to the tracking page to pick another day when no re-booking address is set', () => {
    const fr = renderMessage('failed', 'fr', { ...vars, reason: 'absent' });
    expect(fr.sms).toContain('Choisissez un autre jour sur la page de suivi. https://x/t/abc');
  });
});
