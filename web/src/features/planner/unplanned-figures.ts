/**
 * The figures behind an unplanned order's reason, in words and in the user's locale (pure):
 * "950 kg, largest van 800 kg (Van 3)", "skill frigo: no vehicle has it", "window 05:00–06:00:
 * outside every shift (08:00–17:00)".
 */
import type { UnassignedFigures } from '@tournee/shared';
import type { Translate } from '../../i18n/i18n.tsx';
import { formatNumber, numberFormat } from '../../i18n/format.ts';

/** An amount of one capacity dimension: "950 kg", "1,5 m³", "3 colis". */
export function amountText(dimension: string, n: number, t: Translate, intl: string): string {
  const d = dimension.toLowerCase();
  if (d === 'kg') return numberFormat(intl, { style: 'unit', unit: 'kilogram', maximumFractionDigits: 1 }).format(n);
  if (d === 'm3') return `${formatNumber(intl, n, 2)} m³`;
  if (d === 'parcels') return t('unplanned.dim.parcels', { count: n, n: formatNumber(intl, n, 0) });
  return `${formatNumber(intl, n, 2)} ${dimension}`;
}

const span = (w: { start: string; end: string }) => `${w.start}–${w.end}`;
const overlaps = (w: { start: string; end: string }, s: { start: string; end: string }) =>
  w.start < s.end && w.end > s.start;

/**
 * The sentence with figures for `reason` (null when the latest plan gave none: then what the
 * figures show plainly, such as a demand no vehicle can carry). Null when the figures add nothing.
 */
export function unplannedFiguresText(
  reason: string | null,
  f: UnassignedFigures,
  t: Translate,
  intl: string,
): string | null {
  // What rules the order out whatever the other orders: said first, for any reason.
  const over = f.dimensions.flatMap((dim, d) => {
    const largest = f.largest[d];
    return largest && (f.demand[d] ?? 0) > largest.capacity ? [{ dim, d, largest }] : [];
  });
  if (over.length > 0) {
    const { dim, d, largest } = over[0]!;
    if (!largest.vehicle) return t('unplanned.fig.noVehicle');
    return t('unplanned.fig.capacity', {
      demand: amountText(dim, f.demand[d] ?? 0, t, intl),
      largest: amountText(dim, largest.capacity, t, intl),
      vehicle: largest.vehicle,
    });
  }
  if (f.missingSkills.length > 0) {
    return t('unplanned.fig.skillMissing', { count: f.missingSkills.length, skills: f.missingSkills.join(', ') });
  }
  const windows = f.timeWindows.map(span).join(', ');
  if (f.shiftHours === null && (reason === null || reason.startsWith('no_shift') || reason === 'time_window')) {
    return t('unplanned.fig.noShift');
  }
  if (f.shiftHours && f.timeWindows.length > 0 && !f.timeWindows.some((w) => overlaps(w, f.shiftHours!))) {
    return t('unplanned.fig.outsideShifts', { windows, shifts: span(f.shiftHours) });
  }
  // Figures that explain the solver's reason without ruling the order out alone.
  if (reason === 'capacity') {
    const d = f.demand.findIndex((x) => x > 0);
    if (d >= 0 && f.largest[d]?.vehicle) {
      return t('unplanned.fig.capacityFull', {
        demand: amountText(f.dimensions[d]!, f.demand[d]!, t, intl),
        largest: amountText(f.dimensions[d]!, f.largest[d]!.capacity, t, intl),
      });
    }
  }
  if (reason === 'skills' && f.skills.length > 0) {
    return t('unplanned.fig.skillBusy', { count: f.skills.length, skills: f.skills.join(', ') });
  }
  if (reason === 'time_window' && f.shiftHours && windows) {
    return t('unplanned.fig.windows', { windows, shifts: span(f.shiftHours) });
  }
  return null;
}
