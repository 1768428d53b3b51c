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
    // The email's link line, punctuated as each language writes it.
    expect(fr.text).toContain('Suivre la livraison\u00a0: https://x/t/abc');
    expect(en.text).toContain('Track the delivery: https://x/t/abc');
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

describe('the times told', () => {
  const vars = { name: 'Chloé', orgName: 'Tournée', timeZone: 'Europe/Paris', link: 'https://x/t/abc' };
  const at = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00+01:00`);
  const booked = [{ from: at('13:00'), to: at('16:00') }];

  it('announces the band alone when it is inside the booked slot', () => {
    const fr = renderMessage('published', 'fr', { ...vars, windowFrom: at('13:00'), windowTo: at('15:00'), booked });
    expect(fr.sms).toContain('entre 13:00 et 15:00. https://x/t/abc');
    expect(fr.sms).not.toContain('créneau');
  });

  it('says plainly when the delivery will be late or early for the slot booked', () => {
    const late = { ...vars, windowFrom: at('16:00'), windowTo: at('18:00'), booked, outside: 'late' as const };
    expect(renderMessage('started', 'fr', late).sms).toContain(
      'Arrivée estimée entre 16:00 et 18:00. C’est après le créneau que vous aviez réservé (13:00–16:00)',
    );
    expect(renderMessage('eta_moved', 'en', late).sms).toContain('after the slot you booked (13:00–16:00)');
    const early = { ...vars, windowFrom: at('11:00'), windowTo: at('13:00'), booked, outside: 'early' as const };
    expect(renderMessage('published', 'en', early).sms).toContain('before the slot you booked (13:00–16:00)');
  });
});
