import type { UnassignedReason } from '@tournee/shared';
import type { MessageKey } from '../../i18n/messages.ts';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

// Every reason a plan gives for an order it did not place: the solver's, and those of orders named
// in `orderIds` it did not even try (held, cancelled, visited, out of range). `no_shift` is the
// older name of `no_shift_on_allowed_days`, still in plans stored before it.
// Typed by shared's list: a reason added there without a sentence here fails to compile.
type PlainReason = Exclude<UnassignedReason, `status:${string}`>;
const REASON_KEYS: Record<PlainReason | 'no_shift', MessageKey> & Partial<Record<string, MessageKey>> = {
  skills: 'unplanned.skills',
  capacity: 'unplanned.capacity',
  time_window: 'unplanned.timeWindow',
  max_travel_time: 'unplanned.maxTravelTime',
  max_distance: 'unplanned.maxDistance',
  max_stops: 'unplanned.maxStops',
  max_driving: 'unplanned.maxDriving',
  work_limit: 'unplanned.workLimit',
  unreachable: 'unplanned.unreachable',
  no_room: 'unplanned.noRoom',
  no_shift: 'unplanned.noShift',
  no_shift_on_allowed_days: 'unplanned.noShift',
  on_hold: 'unplanned.onHold',
  cancelled: 'unplanned.cancelled',
  outside_range: 'unplanned.outsideRange',
  on_other_route: 'unplanned.onOtherRoute',
  'status:delivered': 'unplanned.delivered',
  'status:failed': 'unplanned.failed',
  'status:skipped': 'unplanned.skipped',
  'status:dispatched': 'unplanned.dispatched',
  'status:in_progress': 'unplanned.inProgress',
  'status:on_hold': 'unplanned.onHold',
  'status:cancelled': 'unplanned.cancelled',
};

/**
 * Why a plan left an order out, in the app's language (the server's `message` is English). A
 * reason this app does not know yet (a newer server) shows the server's sentence, else the code.
 */
export function unplannedReasonText(reason: string, t: Translate, serverMessage?: string): string {
  const key = REASON_KEYS[reason];
  if (key) return t(key);
  if (serverMessage) return serverMessage;
  if (reason.startsWith('status:')) return t('unplanned.status', { status: reason.slice('status:'.length) });
  return reason;
}
