/**
 * The driver's day as the app holds it: loaded from IndexedDB first (so it shows offline), then
 * from the server when it answers. Actions go into the outbox and are applied to the local copy
 * at once; the server's copy wins on the next fetch (it has applied the same events).
 */
import { type DriverDay, type DriverSession, headingTracker, type StopEventInput } from '@tournee/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchDay, HttpError } from '../api.ts';
import { applyEvent } from '../lib/apply-event.ts';
import { DayRefreshes } from '../lib/day-refreshes.ts';
import { base64Of } from '../lib/images.ts';
import { diffRoutes, type RouteDiff } from '../lib/route-diff.ts';
import { OutboxSender } from '../outbox/sender.ts';
import { countOutbox, enqueue, loadDay, type OutboxItem, onOutboxChange, peek, saveDay } from '../outbox/store.ts';
import { startTracking, type Tracker } from '../tracking/positions.ts';
import type { Proof } from './dialogs.tsx';
import { proofsTaken } from './required-proof.ts';

export function useDay(session: DriverSession, onSignedOut: () => void) {
  const [day, setDay] = useState<DriverDay | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [pending, setPending] = useState(0);
  const [connected, setConnected] = useState(false);
  const [diff, setDiff] = useState<RouteDiff | null>(null);
  // The last event the server refused for good (dropped from the outbox): the driver must know.
  const [refused, setRefused] = useState<string | null>(null);
  const [here, setHere] = useState<[number, number] | null>(null);
  // The van's heading: the phone's own when it gives one, else the bearing of its last real move.
  const [heading, setHeading] = useState<number | null>(null);
  const headings = useRef(headingTracker());
  const sender = useRef<OutboxSender | null>(null);
  const tracker = useRef<Tracker | null>(null);
  const dayRef = useRef<DriverDay | null>(null);
  const refreshes = useRef(new DayRefreshes());

  const keep = useCallback((d: DriverDay) => {
    dayRef.current = d;
    setDay(d);
    void saveDay(d);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const ticket = refreshes.current.begin();
      const fresh = await fetchDay(session.token);
      // Events still in the outbox are not on the server yet, and those acked while this fetch
      // was under way may not be in its answer: both are replayed over the server's copy.
      const waiting = await peek(10_000);
      const merged = refreshes.current.settle(
        ticket,
        fresh,
        waiting.flatMap((i) => (i.kind === 'event' ? [i.event] : [])),
      );
      if (!merged) return;
      const change = diffRoutes(dayRef.current?.route ?? null, fresh.route);
      if (change) setDiff(change);
      keep(merged);
    } catch (err) {
      if (err instanceof HttpError && err.status === 401) onSignedOut();
    } finally {
      setLoaded(true);
    }
  }, [session.token, keep, onSignedOut]);

  useEffect(() => {
    let live = true;
    void loadDay().then((cached) => {
      if (live && cached && !dayRef.current) {
        dayRef.current = cached;
        setDay(cached);
        setLoaded(true);
      }
      void refresh();
    });
    const s = new OutboxSender(session.token, {
      onRouteChanged: () => void refresh(),
      onUnauthorized: onSignedOut,
      onConnection: (c) => {
        setConnected(c);
        if (c) void refresh();
      },
      onAcked: (event) => refreshes.current.acked(event),
      onDropped: (item, message) => {
        if (item.kind === 'event') setRefused(message);
      },
      onDrained: () => void refresh(),
    });
    sender.current = s;
    const update = () => void countOutbox().then(setPending);
    update();
    const off = onOutboxChange(update);
    return () => {
      live = false;
      off();
      s.close();
      tracker.current?.stop();
    };
  }, [session.token, refresh, onSignedOut]);

  const route = day?.route ?? null;
  const started = !!route && (route.status === 'in_progress' || route.status === 'done' || !!route.startedAt);

  // Positions are recorded while the route is started, and stop when it is done.
  useEffect(() => {
    if (started && route?.status !== 'done' && !tracker.current) {
      tracker.current = startTracking(
        () => sender.current?.kick(),
        (at, deviceHeading) => {
          setHere(at);
          setHeading(headings.current.update(at, deviceHeading));
        },
      );
    }
    if ((!started || route?.status === 'done') && tracker.current) {
      tracker.current.stop();
      tracker.current = null;
    }
  }, [started, route?.status]);

  /** Queues one stop event (with its proof files after it) and applies it to the local copy. */
  const record = useCallback(
    async (
      type: StopEventInput['type'],
      stopId: string,
      extra: { reason?: string; note?: string; proof?: Proof } = {},
    ) => {
      const current = dayRef.current;
      if (!current?.route) return;
      const event: StopEventInput = {
        id: crypto.randomUUID(),
        stopId,
        type,
        deviceAt: new Date().toISOString(),
        reason: extra.reason ?? null,
        note: extra.note || extra.proof?.note || null,
        recipientName: extra.proof?.recipientName || null,
        ...(type === 'delivered' ? { proofs: proofsTaken(extra.proof) } : {}),
        ...(type === 'delivered' && extra.proof?.deliveryCode ? { deliveryCode: extra.proof.deliveryCode } : {}),
      };
      const items: OutboxItem[] = [{ kind: 'event', event }];
      if (extra.proof?.photo)
        items.push({
          kind: 'proof',
          stopId,
          upload: { eventId: event.id, kind: 'photo', contentType: 'image/jpeg', data: base64Of(extra.proof.photo) },
        });
      if (extra.proof?.signature)
        items.push({
          kind: 'proof',
          stopId,
          upload: {
            eventId: event.id,
            kind: 'signature',
            contentType: 'image/png',
            data: base64Of(extra.proof.signature),
          },
        });
      await enqueue(...items);
      keep(applyEvent(current, event));
      sender.current?.kick();
    },
    [keep],
  );

  return {
    day,
    loaded,
    pending,
    connected,
    diff,
    dismissDiff: () => setDiff(null),
    refused,
    dismissRefused: () => setRefused(null),
    here,
    heading,
    started,
    record,
  };
}
