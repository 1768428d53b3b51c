import {
  CreateDepotRequest,
  CreateDriverRequest,
  CreateShiftPatternRequest,
  CreateVehicleRequest,
} from '@tournee/shared';
import { systemActor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import * as fleet from '../fleet/service.ts';
import { updateOrganisation } from '../org/service.ts';
import { runImport } from '../orders/import/pipeline.ts';
import { jsonSource } from '../orders/import/sources.ts';
import { DEMO_DEPOT, DEMO_VEHICLES, demoOrders, demoToday, type Instant } from './demo-data.ts';

const DRIVER_NAMES = [
  'Karim Benali',
  'Sophie Morel',
  'Julien Roux',
  'Nadia Haddad',
  'Thomas Fontaine',
  'Laura Perrin',
  'Mehdi Aubert',
  'Claire Vidal',
];

export interface DemoSummary {
  orgId: string;
  depots: number;
  vehicles: number;
  drivers: number;
  shifts: number;
  orders: number;
}

/**
 * Seeds the demo organisation through the same services the API uses (so the demo is valid
 * data by construction): a depot in Lyon, 8 vans each with a driver and Mon–Fri shifts with a
 * lunch break, and about 400 orders over the next 10 working days. Failed deliveries come back
 * by themselves: automatic redelivery is on (customer absent or no access: the next working day,
 * held after 2 visits).
 */
export async function seedDemo(db: Db, orgId: string, now: Instant = new Date()): Promise<DemoSummary> {
  const actor = systemActor(orgId);
  const depot = await fleet.createDepot(
    db,
    actor,
    CreateDepotRequest.parse({
      name: DEMO_DEPOT.name,
      address: DEMO_DEPOT.address,
      location: { lon: DEMO_DEPOT.lon, lat: DEMO_DEPOT.lat },
      timeZone: DEMO_DEPOT.timeZone,
    }),
  );
  const today = demoToday(now);
  await updateOrganisation(db, actor, {
    redelivery: { auto: true, maxAttempts: 2, offsetDays: 1, reasons: ['absent', 'no_access'] },
  });
  let shifts = 0;
  for (const [i, v] of DEMO_VEHICLES.entries()) {
    const vehicle = await fleet.createVehicle(db, actor, CreateVehicleRequest.parse({ ...v, depotId: depot.id }));
    const driver = await fleet.createDriver(
      db,
      actor,
      CreateDriverRequest.parse({
        name: DRIVER_NAMES[i],
        phone: `+3361000000${i}`,
        email: `driver${i + 1}@demo.tournee.local`,
        defaultVehicleId: vehicle.id,
      }),
    );
    const pattern = await fleet.createShiftPattern(
      db,
      actor,
      CreateShiftPatternRequest.parse({
        vehicleId: vehicle.id,
        driverId: driver.id,
        weekdays: [1, 2, 3, 4, 5],
        start: '08:00',
        end: '17:00',
        breaks: [{ start: '12:00', end: '14:00', durationMin: 30 }],
        validFrom: today,
      }),
    );
    shifts += pattern.expansion.created;
  }
  const result = await runImport({ db, geocoder: null }, actor, {
    source: jsonSource(demoOrders(now)),
    filename: 'demo-orders.json',
    partial: false,
    mapping: {},
  });
  return {
    orgId,
    depots: 1,
    vehicles: DEMO_VEHICLES.length,
    drivers: DEMO_VEHICLES.length,
    shifts,
    orders: result.created,
  };
}
