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
    expect(t.app.bus.subscribers('driverPosition')).toEqual(['realtime', 'notify', 'eta', 'alerts']);
    // Webhooks too: route started / completed (order events come from the orders trigger).
    expect(t.app.bus.subscribers('stopStatus')).toEqual(['realtime', 'notify', 'eta', 'alerts', 'webhooks']);
  });

  it('sends fresh ETAs to the sockets, messages and alerts, and route changes to the ETAs and alerts', () => {
    expect(t.app.bus.subscribers('etasChanged')).toEqual(['realtime', 'notify', 'alerts', 'webhooks']);
    expect(t.app.bus.subscribers('routeChanged')).toEqual(['realtime', 'eta', 'alerts']);
    expect(t.app.bus.subscribers('routePublished')).toEqual(['realtime', 'notify', 'alerts', 'webhooks']);
  });

  it('sends plan progress and status, and alert changes, to the sockets only', () => {
    expect(t.app.bus.subscribers('planProgress')).toEqual(['realtime']);
    expect(t.app.bus.subscribers('planStatus')).toEqual(['realtime']);
    expect(t.app.bus.subscribers('alertChanged')).toEqual(['realtime']);
  });
});
