import { addDays, isoWeekday, todayIn } from '@tournee/shared';
import { FIRST_NAMES, LAST_NAMES, LYON_STREETS } from './lyon-streets.ts';
import { between, mulberry32, pick } from './prng.ts';

export const DEMO_ZONE = 'Europe/Paris';

export const DEMO_DEPOT = {
  name: 'Entrepôt Lyon Gerland',
  address: '40 Rue de Gerland, 69007 Lyon',
  lon: 4.8322,
  lat: 45.7295,
  timeZone: DEMO_ZONE,
};

/** Eight vans; two of them refrigerated, one small electric van for the centre. */
export const DEMO_VEHICLES = Array.from({ length: 8 }, (_, i) => ({
  name: `Van ${i + 1}`,
  capacity: i === 7 ? { kg: 400, m3: 3, parcels: 40 } : { kg: 800, m3: 6, parcels: 60 },
  skills: i < 2 ? ['fridge'] : [],
  costPerKm: 0.35,
  costPerHour: 22,
  fixedCost: 40,
}));

/** An instant: a Date or milliseconds. */
export type Instant = Date | number;

const dateOf = (t: Instant) => new Date(typeof t === 'number' ? t : t.getTime());

/** The demo's today (its zone's date at `now`). */
export const demoToday = (now: Instant) => todayIn(DEMO_ZONE, dateOf(now));

/** The next `count` working days (Mon–Fri) after `from`, as local dates in the demo's zone. */
export function nextWorkingDays(from: Instant, count: number): string[] {
  const days: string[] = [];
  let d = demoToday(from);
  while (days.length < count) {
    d = addDays(d, 1);
    if (isoWeekday(d) <= 5) days.push(d);
  }
  return days;
}

const WINDOWS: ReadonlyArray<Array<[string, string]>> = [
  [['08:00', '12:00']],
  [['09:00', '11:00']],
  [['13:30', '17:00']],
  [['14:00', '16:00']],
  [['10:00', '12:00']],
  [
    ['08:00', '10:00'],
    ['15:00', '17:00'],
  ],
  [],
];

/**
 * About 400 orders over the next 10 working days around Lyon, in the import's canonical
 * columns: real street names, coordinates near the street, time windows, some date ranges.
 */
export function demoOrders(now: Instant, count = 400, seed = 42): Array<Record<string, string>> {
  const rand = mulberry32(seed);
  const days = nextWorkingDays(now, 10);
  return Array.from({ length: count }, (_, i) => {
    const s = pick(rand, LYON_STREETS);
    const first = pick(rand, FIRST_NAMES);
    const last = pick(rand, LAST_NAMES);
    const dayIndex = Math.floor(rand() * days.length);
    const span = rand() < 0.25 ? 1 + Math.floor(rand() * 2) : 0;
    const windows = pick(rand, WINDOWS);
    const row: Record<string, string> = {
      ref: `DEMO-${String(i + 1).padStart(4, '0')}`,
      name: `${first} ${last}`,
      phone: `+336${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
      email: `${`${first}.${last}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z.]/g, '')}@example.com`,
      address: `${1 + Math.floor(rand() * 120)} ${s.street}, ${s.postcode} ${s.city}`,
      lat: (s.lat + between(rand, -0.0025, 0.0025)).toFixed(6),
      lon: (s.lon + between(rand, -0.0035, 0.0035)).toFixed(6),
      date_from: days[dayIndex]!,
      date_to: days[Math.min(days.length - 1, dayIndex + span)]!,
      service_min: String(pick(rand, [3, 5, 5, 8, 10])),
      demand_kg: (1 + rand() * 40).toFixed(1),
      demand_m3: (0.02 + rand() * 0.3).toFixed(2),
      demand_parcels: String(1 + Math.floor(rand() * 4)),
      skills: rand() < 0.06 ? 'fridge' : '',
      priority: String(rand() < 0.1 ? 80 : 0),
      notes:
        rand() < 0.2
          ? pick(rand, ['Code porte 1234A', 'Sonner à l’interphone', 'Laisser au gardien', '2e étage sans ascenseur'])
          : '',
    };
    windows.forEach(([start, end], w) => {
      const p = w === 0 ? 'tw' : `tw${w + 1}`;
      row[`${p}_start`] = start;
      row[`${p}_end`] = end;
    });
    return row;
  });
}
