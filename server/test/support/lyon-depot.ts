/** The depot the server's planning tests work from: Lyon, Gerland. */
import { CreateDepotRequest, type Depot } from '@tournee/shared';
import { systemActor } from '../../src/audit/audit.ts';
import type { Db } from '../../src/db/db.ts';
import * as fleet from '../../src/fleet/service.ts';

export function createLyonDepot(t: { db: Db; org: { id: string } }, timeZone = 'Europe/Paris'): Promise<Depot> {
  return fleet.createDepot(
    t.db,
    systemActor(t.org.id),
    CreateDepotRequest.parse({ name: 'Lyon', location: { lon: 4.8322, lat: 45.7295 }, timeZone }),
  );
}
