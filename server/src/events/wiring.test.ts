/**
 * app.ts is the one place consumers subscribe to the domain events: the real app's bus lists,
 * per event type, who listens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';

describe('the app’s domain-event subscribers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('has the sockets, customer messages, live ETAs and alerts listen to stop statuses and positions', () => {
    for (const type of ['stopStatus', 'driverPosition'] as const) {
      expect(t.app.bus.subscribers(type)).toEqual(['realtime', 'notify', 'eta', 'alerts']);
    }
  });

  it('sends fresh ETAs to the sockets, messages and alerts, and route changes to the ETAs and alerts', () => {
    expect(t.app.bus.subscribers('etasChanged')).toEqual(['realtime', 'notify', 'alerts']);
    expect(t.app.bus.subscribers('routeChanged')).toEqual(['realtime', 'eta', 'alerts']);
    expect(t.app.bus.subscribers('routePublished')).toEqual(['realtime', 'notify', 'alerts']);
  });

  it('sends plan progress and status, and alert changes, to the sockets only', () => {
    expect(t.app.bus.subscribers('planProgress')).toEqual(['realtime']);
    expect(t.app.bus.subscribers('planStatus')).toEqual(['realtime']);
    expect(t.app.bus.subscribers('alertChanged')).toEqual(['realtime']);
  });
});
