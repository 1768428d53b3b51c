import type { Db } from '../db/db.ts';

// Placeholder: the demo seed (depot in Lyon, 8 vehicles, ~400 orders) is written with fleet and orders.
export async function seedDemo(_db: Db, orgId: string): Promise<{ orgId: string }> {
  return { orgId };
}
