/**
 * The notification template preview of the Settings screen: every trigger's SMS and email
 * rendered for a made-up order (tomorrow 10:00–12:00 at the organisation's first depot), in the
 * organisation's language unless another is asked for. Nothing is queued or sent.
 */
import {
  addDays,
  formatMinutes,
  localToUtc,
  NOTIFY_TRIGGERS,
  type NotifyTrigger,
  type ResolvedNotifySettings,
  type TemplatePreview,
  todayIn,
} from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { listDepots } from '../fleet/depot-service.ts';
import { getOrganisation } from '../org/service.ts';
import { langOf, type MessageVars, renderMessage } from './templates.ts';
import { messageLink } from './triggers.ts';

const SAMPLE_NAME = { fr: 'Marie Dupont', en: 'Jane Smith' } as const;

export async function previewTemplates(
  db: Db,
  orgId: string,
  opts: { trigger?: NotifyTrigger; locale?: string; publicUrl: string; settings: ResolvedNotifySettings },
): Promise<TemplatePreview[]> {
  const org = await getOrganisation(db, orgId);
  const locale = opts.locale ?? org.locale;
  const timeZone = (await listDepots(db, orgId))[0]?.timeZone ?? 'Europe/Paris';
  const tomorrow = addDays(todayIn(timeZone), 1);
  const at = (h: number, m = 0) => localToUtc(tomorrow, formatMinutes(h * 60 + m), timeZone).getTime();
  const vars: MessageVars = {
    name: SAMPLE_NAME[langOf(locale)],
    orgName: org.name,
    timeZone,
    windowFrom: at(10),
    windowTo: at(12),
    eta: at(10, 40),
    link: messageLink(opts.publicUrl, 'exemple', locale),
    reason: 'absent',
    rebook: opts.settings.rebookUrl ?? opts.settings.rebookPhone,
    stopsAway: opts.settings.proximityStops,
    newDate: addDays(tomorrow, 2),
    newWindow: { start: '14:00', end: '16:00' },
  };
  const triggers = opts.trigger ? [opts.trigger] : [...NOTIFY_TRIGGERS];
  return triggers.map((trigger) => {
    const m = renderMessage(trigger, locale, vars);
    return { trigger, locale, sms: m.sms, subject: m.subject, text: m.text };
  });
}
