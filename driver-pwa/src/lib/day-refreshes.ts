/**
 * Which copy of the day the phone keeps when the server's answers and the driver's taps cross.
 *
 * A fetch answers with the server's day as it was when the server read it. A stop event acked
 * after the fetch was sent may be missing from it, and the outbox no longer holds it: replaying
 * only the outbox would take the stop back (a "Delivered" button turning into "Arrived" again
 * under the driver's finger). So the events acked since the fetch began are replayed too (applying
 * one the server has already seen changes nothing). And an answer that arrives after the answer
 * of a fetch begun later is older than what the phone shows: it is dropped.
 */
import type { DriverDay, StopEventInput } from '@tournee/shared';
import { applyEvent } from './apply-event.ts';

/** Acked events kept for replay: far more than a driver taps while one fetch is under way. */
const KEEP_ACKED = 200;

export interface RefreshTicket {
  readonly n: number;
  /** How many events had been acked when the fetch began. */
  readonly ackedBefore: number;
}

export class DayRefreshes {
  private readonly acks: { n: number; event: StopEventInput }[] = [];
  private ackCount = 0;
  private begun = 0;
  private applied = 0;

  /** The server acked this event (it has applied it). */
  acked(event: StopEventInput): void {
    this.acks.push({ n: ++this.ackCount, event });
    if (this.acks.length > KEEP_ACKED) this.acks.shift();
  }

  /** A fetch of the day is about to be sent. */
  begin(): RefreshTicket {
    return { n: ++this.begun, ackedBefore: this.ackCount };
  }

  /**
   * The day to keep from the answer to `ticket`'s fetch, with the events acked since it began
   * and then those still waiting in the outbox applied over it; null when a fetch begun later
   * has already been kept.
   */
  settle(ticket: RefreshTicket, fresh: DriverDay, waiting: StopEventInput[]): DriverDay | null {
    if (ticket.n < this.applied) return null;
    this.applied = ticket.n;
    let day = fresh;
    for (const a of this.acks) if (a.n > ticket.ackedBefore) day = applyEvent(day, a.event);
    for (const e of waiting) day = applyEvent(day, e);
    return day;
  }
}
