import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../logger.ts';
import { createDomainEvents } from './bus.ts';

const fakeLog = () => {
  const error = vi.fn();
  return { log: { error } as unknown as Logger, error };
};

const changed = (routeId: string) => ({
  orgId: 'org-1',
  routeId,
  localDate: '2026-12-01',
  version: 2,
  reason: 'edit' as const,
});

describe('the domain-event bus', () => {
  it('hands each subscriber the payload of the type it subscribed to, in subscription order', () => {
    const bus = createDomainEvents(fakeLog());
    const seen: string[] = [];
    bus.on('routeChanged', 'first', (e) => void seen.push(`first:${e.routeId}`));
    bus.subscribe('second', {
      routeChanged: (e) => void seen.push(`second:${e.routeId}@${e.version}`),
      planStatus: (e) => void seen.push(`plan:${e.planId}`),
    });
    bus.publish('routeChanged', changed('r1'));
    expect(seen).toEqual(['first:r1', 'second:r1@2']);
    // @ts-expect-error a route change without its version is not a route change
    bus.publish('routeChanged', { orgId: 'org-1', routeId: 'r2', localDate: '2026-12-01', reason: 'edit' });
    // @ts-expect-error no such event type
    bus.publish('routeMoved', changed('r3'));
  });

  it('keeps calling the other subscribers, and returns to the publisher, when one throws', () => {
    const { log, error } = fakeLog();
    const bus = createDomainEvents({ log });
    const after = vi.fn();
    bus.on('routeChanged', 'broken', () => {
      throw new Error('boom');
    });
    bus.on('routeChanged', 'after', after);
    expect(() => bus.publish('routeChanged', changed('r1'))).not.toThrow();
    expect(after).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ event: 'routeChanged', subscriber: 'broken', orgId: 'org-1', routeId: 'r1' }),
      'domain event subscriber failed',
    );
  });

  it('does not wait for a slow subscriber, logs its rejection, and drains it', async () => {
    const { log, error } = fakeLog();
    const bus = createDomainEvents({ log });
    let release!: () => void;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const done: string[] = [];
    bus.on('planStatus', 'slow', async () => {
      await slow;
      done.push('slow');
    });
    bus.on('planStatus', 'rejects', async () => {
      throw new Error('provider down');
    });
    bus.on('planStatus', 'fast', () => void done.push('fast'));
    bus.publish('planStatus', { orgId: 'org-1', planId: 'p1', status: 'done', summary: null, error: null });
    // The publisher is back before the slow subscriber finished; the fast one already ran.
    expect(done).toEqual(['fast']);
    const drained = bus.drain();
    release();
    await drained;
    expect(done).toEqual(['fast', 'slow']);
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ event: 'planStatus', subscriber: 'rejects', planId: 'p1' }),
      'domain event subscriber failed',
    );
  });

  it('lists the subscribers of each event type', () => {
    const bus = createDomainEvents(fakeLog());
    bus.subscribe('realtime', { stopStatus: () => {}, routeChanged: () => {} });
    bus.subscribe('notify', { stopStatus: () => {} });
    expect(bus.subscribers('stopStatus')).toEqual(['realtime', 'notify']);
    expect(bus.subscribers('routeChanged')).toEqual(['realtime']);
    expect(bus.subscribers('etasChanged')).toEqual([]);
  });
});
