import { describe, expect, it } from 'vitest';
import { quietUntil, resolveSettings } from './settings.ts';
import { announcedBand } from '@tournee/shared';
import { renderMessage } from './templates.ts';

const at = (iso: string) => new Date(iso).getTime();

describe('quiet hours', () => {
  const q = { start: '21:00', end: '08:00' };
  it('span midnight in the depot zone', () => {
    // 22:30 Paris (winter, UTC+1) → quiet until 08:00 the next morning.
    expect(quietUntil(q, at('2026-01-10T21:30:00Z'), 'Europe/Paris')).toBe(at('2026-01-11T07:00:00Z'));
    expect(quietUntil(q, at('2026-01-10T05:00:00Z'), 'Europe/Paris')).toBe(at('2026-01-10T07:00:00Z'));
    expect(quietUntil(q, at('2026-01-10T12:00:00Z'), 'Europe/Paris')).toBeNull();
    expect(quietUntil(null, at('2026-01-10T23:00:00Z'), 'Europe/Paris')).toBeNull();
  });

  it('end at the wall-clock hour across a change of offset', () => {
    // 23:00 CET on 28 March 2026; the clocks go forward that night: 08:00 CEST is 06:00 UTC.
    expect(quietUntil(q, at('2026-03-28T22:00:00Z'), 'Europe/Paris')).toBe(at('2026-03-29T06:00:00Z'));
    // 23:00 CEST on 24 October 2026; back that night: 08:00 CET is 07:00 UTC.
    expect(quietUntil(q, at('2026-10-24T21:00:00Z'), 'Europe/Paris')).toBe(at('2026-10-25T07:00:00Z'));
  });
});

describe('settings', () => {
  it('fills defaults and keeps switched-off triggers', () => {
    const s = resolveSettings({ triggers: { eta_moved: false }, quietHours: null });
    expect(s.triggers.eta_moved).toBe(false);
    expect(s.triggers.published).toBe(true);
    expect(s.quietHours).toBeNull();
    expect(resolveSettings({ nextWithinMin: 'x' }).nextWithinMin).toBe(15);
  });
});

describe('templates', () => {
  const w = announcedBand({ windows: [], serviceStartMs: at('2026-03-10T09:47:00Z') });
  const vars = {
    name: 'Anne',
    orgName: 'Primeurs',
    timeZone: 'Europe/Paris',
    windowFrom: w.startMs,
    windowTo: w.endMs,
    link: 'https://x/t/abc',
  };
  it('announce the two-hour window in French and English with the link', () => {
    expect(w.endMs - w.startMs).toBe(2 * 3600_000);
    const fr = renderMessage('published', 'fr', vars);
    expect(fr.sms).toContain('entre 09:30 et 11:30');
    expect(fr.sms).toContain('https://x/t/abc');
    expect(fr.html).toContain('href="https://x/t/abc"');
    const en = renderMessage('published', 'en-GB', vars);
    expect(en.text).toContain('between 09:30 and 11:30');
  });
  it('explain a failure with its reason and how to re-book', () => {
    const m = renderMessage('failed', 'en', { ...vars, reason: 'absent', rebook: 'https://shop/rebook' });
    expect(m.sms).toContain('nobody was in');
    expect(m.sms).toContain('https://shop/rebook');
  });
});
