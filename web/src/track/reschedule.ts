/**
 * The tracking page's "pick another day" card: the days the server offers (`reschedule.days`),
 * then the chosen day's windows (or any time that day), then one confirm. The answer (or the
 * same answer to a repeated tap) shows a confirmation; the fresh view follows over the socket.
 */
import type { TimeWindow, TrackRescheduleResult, TrackView } from '@tournee/shared';
import { dayName, t, windowText } from './text.ts';

type El = (tag: string, attrs?: Record<string, string>, ...children: (Node | string)[]) => HTMLElement;

/** What the customer last confirmed on this page (kept across re-renders). */
let confirmed: TrackRescheduleResult | null = null;

/** The customer's last confirmed choice on this page, if any. */
export const confirmedChoice = (): TrackRescheduleResult | null => confirmed;

/** The card of the days the delivery now waits for (after a failure or a change of day). */
export function nextCard(v: TrackView, el: El): HTMLElement | null {
  const next = v.reschedule.next;
  // A scheduled order shows its day here until a route gives it a window (the window card's).
  if (!next || !(v.status === 'rescheduled' || (v.status === 'scheduled' && !v.window))) return null;
  const days =
    next.dateFrom === next.dateTo ? dayName(next.dateFrom) : `${dayName(next.dateFrom)} – ${dayName(next.dateTo)}`;
  return el(
    'section',
    { class: 'card', id: 'next' },
    el('div', { class: 'muted' }, t.nextDay),
    el('div', { class: 'big', id: 'next-day' }, days),
    ...next.windows.map((w) => el('div', { class: 'next-window' }, windowText(w))),
  );
}

export function confirmationCard(el: El): HTMLElement | null {
  if (!confirmed) return null;
  const window = confirmed.window ? t.between(confirmed.window) : null;
  return el('p', { class: 'card ok', id: 'rescheduled', role: 'status' }, t.confirmed(dayName(confirmed.date), window));
}

/**
 * The picker, open at once after a failure, behind a "change the day" button otherwise.
 * `done` re-renders the page with the confirmation.
 */
export function rescheduleCard(v: TrackView, el: El, token: string, done: () => void): HTMLElement | null {
  if (!v.reschedule.allowed || v.reschedule.days.length === 0) return null;
  const card = el('section', { class: 'card', id: 'reschedule' });
  const open = () => {
    let day: string | null = null;
    let window: TimeWindow | null = null;
    const days = el('div', { class: 'choices', id: 'days' });
    const windows = el('div', { class: 'choices', id: 'windows' });
    const windowsBox = el('div', { hidden: '' }, el('h3', {}, t.pickWindow), windows);
    const error = el('p', { class: 'error', id: 'reschedule-error', role: 'alert', hidden: '' });
    const confirm = el(
      'button',
      { type: 'button', id: 'confirm-reschedule', class: 'primary', disabled: '' },
      t.confirm,
    );
    const select = (box: HTMLElement, b: HTMLElement) => {
      for (const x of box.querySelectorAll('button')) x.setAttribute('aria-pressed', String(x === b));
    };
    for (const d of v.reschedule.days) {
      const b = el('button', { type: 'button', 'data-date': d.date, 'aria-pressed': 'false' }, dayName(d.date));
      b.addEventListener('click', () => {
        day = d.date;
        window = null;
        select(days, b);
        const any = el('button', { type: 'button', 'data-window': '', 'aria-pressed': 'true' }, t.anyTime);
        any.addEventListener('click', () => {
          window = null;
          select(windows, any);
        });
        const options = d.windows.map((w) => {
          const o = el(
            'button',
            { type: 'button', 'data-window': `${w.start}-${w.end}`, 'aria-pressed': 'false' },
            windowText(w),
          );
          o.addEventListener('click', () => {
            window = w;
            select(windows, o);
          });
          return o;
        });
        windows.replaceChildren(...options, any);
        windowsBox.hidden = d.windows.length < 2;
        confirm.removeAttribute('disabled');
      });
      days.append(b);
    }
    confirm.addEventListener('click', async () => {
      if (!day) return;
      confirm.setAttribute('disabled', '');
      const res = await fetch(`/api/track/${token}/reschedule`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ date: day, window }),
      }).catch(() => null);
      if (res?.ok) {
        confirmed = (await res.json()) as TrackRescheduleResult;
        done();
        return;
      }
      error.textContent = res?.status === 429 ? t.tooMany : t.rescheduleFailed;
      error.hidden = false;
      confirm.removeAttribute('disabled');
    });
    card.replaceChildren(el('h2', {}, t.pickDay), days, windowsBox, error, confirm);
  };
  if (v.status === 'failed' && !confirmed) open();
  else {
    const change = el('button', { type: 'button', id: 'change-day' }, t.changeDay);
    change.addEventListener('click', open);
    card.append(change);
  }
  return card;
}
