/**
 * Turns a trigger for one order into outbox rows: one SMS (E.164 phone) and one email, each
 * keyed `order:trigger:version:channel`, so the same trigger firing twice writes once. The
 * organisation's switches, quiet hours and opt-outs are applied here; suppressed messages are
 * written as `suppressed` with the reason, so the dispatcher sees why nothing went out.
 *
 * Every message of an order carries the same tracking link, and tells times computed one way
 * (told-times.ts): a band inside the booked slot, or one that says it is early or late. Per order,
 * "ETA moved" goes out at most once per NOTIFY_ETA_MOVED_MIN_INTERVAL_MIN (a move in between waits
 * and is told with the next one), and "next" is dropped (written as suppressed) when "started"
 * went out less than NOTIFY_NEXT_AFTER_STARTED_MIN before: it already gave the time.
 */
import { normalisePhone, type NotifyChannel, type NotifyTrigger } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { linkUrl, orderLink } from '../links/links.ts';
import { type OrderContext, optedOut, rememberTold, rememberToldEta } from './context-repo.ts';
import { enqueue, existingKeys } from './outbox-repo.ts';
import { quietUntil, resolveSettings, triggerOn } from './settings.ts';
import { langOf, renderMessage } from './templates.ts';
import { plannedTimes, toldTimes } from './told-times.ts';

/**
 * The tracking link put in a message: the page opens in the message's language (`?lang=`), not
 * in the phone's, so a French message never leads to an English page.
 */
export const messageLink = (publicUrl: string, token: string, locale: string) =>
  `${linkUrl(publicUrl, token)}?lang=${langOf(locale)}`;

export interface TriggerDeps {
  db: Db;
  publicUrl: string;
  /** The longest a message's tracking link lives, in days. @default 60 (TRACK_LINK_MAX_DAYS) */
  linkMaxDays?: number;
  /** Called after rows were written (wakes the sender). */
  onQueued?(): void;
  /** At most one "ETA moved" per order this often (minutes). @default 20 (NOTIFY_ETA_MOVED_MIN_INTERVAL_MIN) */
  etaMovedEveryMin?: number;
  /** No "next" this soon after "started" (minutes). @default 10 (NOTIFY_NEXT_AFTER_STARTED_MIN) */
  nextAfterStartedMin?: number;
}

export interface TriggerInput {
  trigger: NotifyTrigger;
  /** Part of the idempotency key: a new version is a new message. */
  version: string;
  eta?: number;
  reason?: string | null;
  /** `proximity`: stops the driver still makes before this one. */
  stopsAway?: number;
  /** `rescheduled`: the day and window the customer chose. */
  moved?: { date: string; window: { start: string; end: string } | null };
  now?: number;
}

/** Messages worth sending after quiet hours (the others are about a moment that will have passed). */
const WAITS_FOR_MORNING: NotifyTrigger[] = ['published', 'rescheduled'];

/** Telling the ETA sets the baseline the "ETA moved" trigger compares with. */
const TELLS_ETA: NotifyTrigger[] = ['published', 'started', 'next', 'eta_moved', 'proximity'];
/** The messages that tell a band: the last one told is what the tracking page shows as announced. */
const TELLS_BAND: NotifyTrigger[] = ['published', 'started', 'eta_moved'];

const minutesAgo = (at: number | null, now: number) => (at === null ? Number.POSITIVE_INFINITY : (now - at) / 60_000);

/** Writes the trigger's messages for one order; answers how many rows were written. */
export async function fireTrigger(deps: TriggerDeps, ctx: OrderContext, t: TriggerInput): Promise<number> {
  const settings = resolveSettings(ctx.settings.notify);
  if (!triggerOn(settings, t.trigger)) return 0;
  const now = t.now ?? Date.now();
  // Throttled: a move told less than N minutes ago waits (the next recompute tells the latest).
  if (t.trigger === 'eta_moved' && minutesAgo(ctx.etaMovedSentAt, now) < (deps.etaMovedEveryMin ?? 20)) return 0;
  const afterStarted = minutesAgo(ctx.startedSentAt, now);
  const coalesced =
    t.trigger === 'next' && afterStarted < (deps.nextAfterStartedMin ?? 10)
      ? `coalesced: "started" was sent ${Math.round(afterStarted)} min before`
      : null;
  const targets: { channel: NotifyChannel; recipient: string }[] = [];
  if (settings.channels.sms && ctx.phone) {
    const p = normalisePhone(ctx.phone, ctx.defaultCountry);
    if (p.ok) targets.push({ channel: 'sms', recipient: p.e164 });
  }
  if (settings.channels.email && ctx.email && /^[^\s@]+@[^\s@]+$/.test(ctx.email.trim()))
    targets.push({ channel: 'email', recipient: ctx.email.trim() });
  if (targets.length === 0) return 0;
  const keyOf = (c: NotifyChannel) => `${ctx.orderId}:${t.trigger}:${t.version}:${c}`;
  const have = await existingKeys(
    deps.db,
    targets.map((x) => keyOf(x.channel)),
  );
  const todo = targets.filter((x) => !have.has(keyOf(x.channel)));
  if (todo.length === 0) return 0;

  const out = await optedOut(
    deps.db,
    ctx.orgId,
    todo.map((x) => x.recipient),
  );
  const quiet = quietUntil(settings.quietHours, now, ctx.timeZone);
  const told = t.trigger === 'published' ? plannedTimes(ctx) : toldTimes(ctx, t.eta, now, t.trigger !== 'eta_moved');
  const token = await orderLink(deps.db, ctx.orgId, ctx.orderId, deps.linkMaxDays);
  const msg = renderMessage(t.trigger, ctx.locale, {
    name: ctx.name || (langOf(ctx.locale) === 'fr' ? 'client' : 'customer'),
    orgName: ctx.orgName,
    timeZone: ctx.timeZone,
    windowFrom: told?.band.startMs,
    windowTo: told?.band.endMs,
    outside: told?.band.outside,
    booked: told?.booked.map((w) => ({ from: w.startMs, to: w.endMs })),
    eta: told?.serviceStartMs,
    link: messageLink(deps.publicUrl, token, ctx.locale),
    reason: t.reason,
    stopsAway: t.stopsAway,
    rebook: settings.rebookUrl ?? settings.rebookPhone,
    newDate: t.moved?.date,
    newWindow: t.moved?.window ?? null,
    deliveryCode: ctx.deliveryCode,
  });
  let written = 0;
  for (const x of todo) {
    // The day's announcement and a change of day wait for the morning; live messages are worthless later.
    const suppressed = out.has(x.recipient)
      ? 'opted out'
      : coalesced
        ? coalesced
        : quiet !== null && !WAITS_FOR_MORNING.includes(t.trigger)
          ? 'quiet hours'
          : null;
    const ok = await enqueue(deps.db, {
      orgId: ctx.orgId,
      orderId: ctx.orderId,
      routeId: ctx.routeId,
      channel: x.channel,
      trigger: t.trigger,
      key: keyOf(x.channel),
      recipient: x.recipient,
      locale: ctx.locale,
      subject: x.channel === 'email' ? msg.subject : null,
      body: x.channel === 'sms' ? msg.sms : msg.text,
      html: x.channel === 'email' ? msg.html : null,
      status: suppressed ? 'suppressed' : 'pending',
      notBefore: quiet !== null && !suppressed ? new Date(quiet) : undefined,
      note: suppressed ?? undefined,
    });
    if (ok) written++;
  }
  if (written > 0 && !coalesced && told && TELLS_ETA.includes(t.trigger)) {
    await rememberToldEta(deps.db, ctx.orderId, told.serviceStartMs, t.trigger === 'eta_moved');
    await rememberTold(deps.db, ctx.orderId, {
      band: TELLS_BAND.includes(t.trigger) ? told.band : null,
      etaMovedAt: t.trigger === 'eta_moved' ? now : null,
      startedAt: t.trigger === 'started' ? now : null,
    });
  }
  if (written > 0) deps.onQueued?.();
  return written;
}
