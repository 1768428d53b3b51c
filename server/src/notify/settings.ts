/** An organisation's notification settings (defaults filled in) and quiet hours. */
import {
  addDays,
  DEFAULT_NOTIFY_SETTINGS,
  localToUtc,
  minutesOfDay,
  NotifySettings,
  type NotifyTrigger,
  type ResolvedNotifySettings,
  utcToLocal,
} from '@tournee/shared';

/** Reads `organisations.settings.notify`; a malformed value falls back to the defaults. */
export function resolveSettings(raw: unknown): ResolvedNotifySettings {
  const parsed = NotifySettings.safeParse(raw ?? {});
  const s = parsed.success ? parsed.data : {};
  return {
    triggers: { ...DEFAULT_NOTIFY_SETTINGS.triggers, ...s.triggers },
    channels: { ...DEFAULT_NOTIFY_SETTINGS.channels, ...s.channels },
    quietHours: s.quietHours === undefined ? DEFAULT_NOTIFY_SETTINGS.quietHours : s.quietHours,
    nextWithinMin: s.nextWithinMin ?? DEFAULT_NOTIFY_SETTINGS.nextWithinMin,
    proximityStops: s.proximityStops ?? DEFAULT_NOTIFY_SETTINGS.proximityStops,
    etaMovedMin: s.etaMovedMin ?? DEFAULT_NOTIFY_SETTINGS.etaMovedMin,
    rebookUrl: s.rebookUrl ?? null,
    rebookPhone: s.rebookPhone ?? null,
  };
}

export const triggerOn = (s: ResolvedNotifySettings, t: NotifyTrigger) => s.triggers[t] !== false;

/**
 * When quiet hours hold at `at` (in `timeZone`), the instant they end; else null. A window whose
 * start is after its end spans midnight (21:00–08:00).
 */
export function quietUntil(q: { start: string; end: string } | null, at: number, timeZone: string): number | null {
  if (!q || q.start === q.end) return null;
  const local = utcToLocal(at, timeZone);
  const m = minutesOfDay(local.localTime);
  const s = minutesOfDay(q.start);
  const e = minutesOfDay(q.end);
  const inside = s < e ? m >= s && m < e : m >= s || m < e;
  if (!inside) return null;
  const end = localToUtc(local.localDate, q.end, timeZone).getTime();
  return end > at ? end : localToUtc(addDays(local.localDate, 1), q.end, timeZone).getTime();
}
