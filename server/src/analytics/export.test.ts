import type { AnalyticsRow, AnalyticsSummary } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { summaryCsv } from './export.ts';

const row = (label: string, key: string | null): AnalyticsRow => ({
  key,
  label,
  routes: 1,
  stops: 2,
  delivered: 1,
  failed: 1,
  failedByReason: { absent: 1 },
  skipped: 0,
  arrived: 2,
  onTime: 1,
  onTimePct: 50,
  lateAvgMin: 12.5,
  lateP90Min: 12.5,
  plannedKm: 10,
  actualKm: 11.2,
  plannedDrivingS: 600,
  actualDrivingS: 700,
  plannedServiceS: 600,
  actualServiceS: 720,
  overtimeS: 0,
  ratingAvg: null,
  ratingCount: 0,
  messagesSent: 2,
  messagesFailed: 0,
  costPerDelivered: 55.5,
});

describe('summary CSV', () => {
  it('writes one line per group and the total, a name that looks like a formula stays text', () => {
    const s: AnalyticsSummary = {
      from: '2026-03-02',
      to: '2026-03-03',
      groupBy: 'driver',
      onTimeToleranceMin: 0,
      groups: [row('=HYPERLINK("x")', 'd1'), row('Dupont, Jean', 'd2')],
      total: row('Total', null),
    };
    const lines = summaryCsv(s).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""x""\)",d1,1,2,1,1,absent:1,0,2,1,50,12.5,12.5,10,11.2,/);
    expect(lines[2]).toMatch(/^"Dupont, Jean",d2,/);
    // An unknown figure is an empty cell, not "null".
    expect(lines[3]).toMatch(/^Total,,.*,0,2,0,55.5$/);
  });
});
