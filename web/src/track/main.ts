/**
 * The public tracking page (/t/<token>): plain TypeScript, no framework, so it loads fast on a
 * phone. It shows one order — status, the slot the customer booked and, apart from it, the time
 * announced by the messages and the live ETA, the driver on a small map once one or two
 * stops away, and after delivery the proof and a rating — live over Socket.IO `/track`.
 */
import { type GeoPoint, headingTracker, type TrackServerEvents, type TrackView } from '@tournee/shared';
import { io, type Socket } from 'socket.io-client';
import type { DriverMap } from './map.ts';
import { confirmationCard, confirmedChoice, nextCard, rescheduleCard } from './reschedule.ts';
import { dayOf, hhmm, lang, reasonText, statusText, t } from './text.ts';

declare global {
  interface Window {
    /** The data the page got (tests read it: nothing of other customers may be in it). */
    __track?: { views: TrackView[]; driverMoves: TrackView['driver'][] };
  }
}

const token = location.pathname.split('/').filter(Boolean).pop() ?? '';
const root = document.getElementById('app')!;
const seen: TrackView[] = [];
const driverMoves: TrackView['driver'][] = [];
window.__track = { views: seen, driverMoves };
let map: DriverMap | null = null;
let mapLoading = false;
let styleUrl: string | null = null;
const STALE_AFTER_MS = 5 * 60_000;
// The driver's heading, from their successive positions (the view carries no heading).
const heading = headingTracker();

/** Moves the driver on the map, turning the arrow once they moved far enough to tell. */
function moveDriver(p: GeoPoint) {
  map?.moveDriver(p, heading.update(p.coordinates as [number, number]));
}

const el = (tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
};

function rating(v: TrackView): HTMLElement {
  const card = el('section', { class: 'card', id: 'rating' }, el('h2', {}, t.rate));
  let chosen = 0;
  const stars = el('div', { class: 'stars' });
  for (let i = 1; i <= 5; i++) {
    const b = el('button', { type: 'button', 'aria-label': t.stars(i), 'data-star': String(i) }, '★');
    b.addEventListener('click', () => {
      chosen = i;
      for (const [j, x] of [...stars.querySelectorAll('button')].entries()) x.classList.toggle('on', j < i);
    });
    stars.append(b);
  }
  const comment = el('textarea', { placeholder: t.comment, maxlength: '1000' }) as HTMLTextAreaElement;
  const send = el('button', { type: 'button', id: 'send-rating' }, t.send);
  send.addEventListener('click', async () => {
    if (!chosen) return;
    const res = await fetch(`/api/track/${token}/rating`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating: chosen, comment: comment.value }),
    });
    // The latest view: this card may have outlived the one it was built from (keepChoices).
    const last = seen[seen.length - 1] ?? v;
    if (res.ok) render({ ...last, rating: { rating: chosen, comment: comment.value }, canRate: false });
  });
  card.append(stars, comment, send);
  return card;
}

/** What each card holding a customer's choice (the day picker, the rating) was built from, as last shown. */
const shownFrom = new Map<string, string>();

/**
 * A live update (the socket's first view, a new ETA) must not undo what the customer is doing:
 * a card that would be built from the same data as the one on the page (the day being picked,
 * the stars and comment being written) stays as it is. Returns what to do once the page is rebuilt.
 */
function keepChoices(cards: [HTMLElement | null, string, unknown][]): () => void {
  const keep: [HTMLElement, HTMLElement][] = [];
  for (const [card, id, from] of cards) {
    const data = card ? JSON.stringify(from) : null;
    const shown = data !== null && shownFrom.get(id) === data ? document.getElementById(id) : null;
    if (card && shown) keep.push([card, shown]);
    if (data === null) shownFrom.delete(id);
    else shownFrom.set(id, data);
  }
  return () => {
    for (const [card, shown] of keep) card.replaceWith(shown);
  };
}

function render(v: TrackView) {
  seen.push(v);
  const tz = v.timeZone;
  const parts: HTMLElement[] = [
    el('p', { class: 'muted' }, v.orgName),
    el('h1', { id: 'status' }, statusText(v.status)),
  ];
  const confirmation = confirmationCard(el);
  if (confirmation) parts.push(confirmation);
  const next = nextCard(v, el);
  if (next) parts.push(next);
  const upcoming = v.status === 'scheduled' || v.status === 'on_the_way';
  if (v.deliveryCode)
    parts.push(
      el(
        'section',
        { class: 'card', id: 'delivery-code' },
        el('div', { class: 'muted' }, t.deliveryCode),
        el('div', { class: 'big', id: 'code' }, v.deliveryCode),
        el('div', { class: 'muted' }, t.deliveryCodeHint),
      ),
    );
  // The booked slot and the announced band are two things: the band lies inside the slot unless
  // the delivery is early or late, and then the page says so.
  if (v.bookedWindows.length > 0 && upcoming)
    parts.push(
      el(
        'section',
        { class: 'card' },
        el('div', { class: 'muted' }, `${t.booked} · ${dayOf(v.bookedWindows[0]!.start, tz)}`),
        el(
          'div',
          { class: 'big', id: 'booked' },
          v.bookedWindows.map((w) => `${hhmm(w.start, tz)} – ${hhmm(w.end, tz)}`).join(', '),
        ),
      ),
    );
  if (v.window && upcoming)
    parts.push(
      el(
        'section',
        { class: 'card' },
        el('div', { class: 'muted' }, `${t.window} · ${dayOf(v.window.from, tz)}`),
        el('div', { class: 'big', id: 'window' }, `${hhmm(v.window.from, tz)} – ${hhmm(v.window.to, tz)}`),
        ...(v.announced?.outside ? [el('p', { id: 'outside' }, t.outside[v.announced.outside])] : []),
      ),
    );
  if (v.eta)
    parts.push(
      el(
        'section',
        { class: 'card' },
        el('div', { class: 'muted' }, t.eta),
        el('div', { class: 'big', id: 'eta' }, `${hhmm(v.eta.low, tz)} – ${hhmm(v.eta.high, tz)}`),
        ...(v.stopsBefore !== null ? [el('div', { id: 'before' }, t.before(v.stopsBefore))] : []),
        ...(v.eta.stale ? [el('p', { class: 'muted', id: 'stale' }, t.stale)] : []),
      ),
    );
  const mapBox = el('div', { id: 'map' });
  if (v.driver)
    parts.push(
      mapBox,
      el(
        'p',
        { class: 'legend muted' },
        el('span', { class: 'key home' }),
        ` ${t.legendHome}  `,
        el('span', { class: 'key van' }),
        ` ${t.legendDriver}`,
      ),
    );
  if (v.delivery) {
    const d = el('section', { class: 'card', id: 'delivery' });
    // A rescheduled order's card is about the failed visit.
    const visit = v.status === 'rescheduled' ? t.failed : statusText(v.status);
    if (v.delivery.at) d.append(el('div', {}, `${visit} · ${hhmm(v.delivery.at, tz)}`));
    if (v.delivery.recipientName) d.append(el('div', {}, `${t.receivedBy} ${v.delivery.recipientName}`));
    if (v.delivery.reason) d.append(el('div', { id: 'reason' }, t.reasonIs(reasonText(v.delivery.reason))));
    for (const k of v.delivery.proofKinds)
      d.append(el('img', { class: 'proof', alt: t.proof[k], src: `/api/track/${token}/proof/${k}` }));
    parts.push(d);
  }
  const reschedule = rescheduleCard(v, el, token, async () => {
    // The fresh view (the socket brings it too): the new day, and what is offered now.
    const res = await fetch(`/api/track/${token}`).catch(() => null);
    render(res?.ok ? ((await res.json()) as TrackView) : (seen[seen.length - 1] ?? v));
  });
  if (reschedule) parts.push(reschedule);
  const rate = v.canRate ? rating(v) : null;
  if (rate) parts.push(rate);
  if (v.status === 'scheduled' || v.status === 'on_the_way') {
    const stop = el('button', { type: 'button', id: 'opt-out', class: 'muted' }, t.stop);
    stop.addEventListener('click', async () => {
      const res = await fetch(`/api/track/${token}/opt-out`, { method: 'POST' });
      if (res.ok) stop.replaceWith(el('p', { class: 'muted' }, t.stopped));
    });
    parts.push(el('p', {}, stop));
  } else if (v.rating) parts.push(el('section', { class: 'card' }, `${'★'.repeat(v.rating.rating)} — ${t.thanks}`));
  // Re-rendering would drop the live map: keep its container when there is one.
  const oldMap = document.getElementById('map');
  const kept = keepChoices([
    [reschedule, 'reschedule', [v.status, v.reschedule, confirmedChoice()]],
    [rate, 'rating', [v.canRate, v.rating]],
  ]);
  root.replaceChildren(...parts);
  if (v.driver && oldMap && map) mapBox.replaceWith(oldMap);
  kept();
  if (!v.driver) map = null;
  else void showDriver(v);
}

async function showDriver(v: TrackView) {
  if (!v.driver) return;
  if (map) return moveDriver(v.driver.location);
  if (mapLoading) return;
  mapLoading = true;
  // MapLibre only now: most customers never need it.
  const { createDriverMap } = await import('./map.ts');
  map = createDriverMap(document.getElementById('map')!, v.destination, v.driver.location, styleUrl, t.mapLabel);
  mapLoading = false;
  const last = seen[seen.length - 1];
  if (last?.driver) moveDriver(last.driver.location);
}

async function start() {
  document.documentElement.lang = lang;
  document.title = t.title;
  const res = await fetch(`/api/track/${token}`);
  if (!res.ok) {
    root.replaceChildren(el('h1', {}, res.status === 429 ? t.tooMany : t.notFound));
    return;
  }
  styleUrl =
    (
      (await fetch('/api/client-config')
        .then((r) => r.json())
        .catch(() => ({}))) as { mapStyleUrl?: string | null }
    ).mapStyleUrl ?? null;
  render((await res.json()) as TrackView);
  const socket: Socket<TrackServerEvents> = io('/track', { auth: { token }, transports: ['websocket'] });
  socket.on('track:update', render);
  // Between two updates, the driver's own moves (sent only while the page shows the driver).
  socket.on('track:driver', (d) => {
    driverMoves.push(d);
    const last = seen[seen.length - 1];
    if (!last?.driver) return;
    last.driver = d;
    moveDriver(d.location);
  });
  // No news from the driver for 5 minutes: say the estimate may be out of date, without a reload.
  setInterval(() => {
    const last = seen[seen.length - 1];
    if (last?.eta && !last.eta.stale && Date.now() - Date.parse(last.eta.updatedAt) > STALE_AFTER_MS)
      render({ ...last, eta: { ...last.eta, stale: true } });
  }, 30_000);
}

void start();
