/**
 * For driver end-to-end tests: a driver with a published route of today, written into the
 * database a server process uses, and the admin's session token from the HTTP API.
 */
import { createPgDb } from '../../server/src/db/pg-adapter.ts';
import { createLink } from '../../server/src/links/links.ts';
import { type SeededDay, seedDriverDay } from '../../server/test/support/seeded-driver-day.ts';

export async function seedDriverInto(databaseUrl: string, adminEmail: string, stops = 3): Promise<SeededDay> {
  const db = createPgDb(databaseUrl, { max: 1 });
  try {
    const { rows } = await db.query<{ org_id: string }>('SELECT org_id FROM users WHERE lower(email) = lower($1)', [
      adminEmail,
    ]);
    if (!rows[0]) throw new Error(`no user ${adminEmail}`);
    return await seedDriverDay(db, rows[0].org_id, { name: 'Camille', stops });
  } finally {
    await db.close();
  }
}

/** A customer's tracking link to the order (as a message would carry it): its token. */
export async function trackingLinkInto(databaseUrl: string, orderId: string): Promise<string> {
  const db = createPgDb(databaseUrl, { max: 1 });
  try {
    const { rows } = await db.query<{ org_id: string }>('SELECT org_id FROM orders WHERE id = $1', [orderId]);
    return await createLink(db, rows[0]!.org_id, orderId);
  } finally {
    await db.close();
  }
}

/** Signs in through the API and returns the bearer token. */
export async function adminToken(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Issues a driver link and code through the API. */
export async function issueDriverAccess(baseUrl: string, token: string, driverId: string) {
  const res = await fetch(`${baseUrl}/api/drivers/${driverId}/access`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (res.status !== 201) throw new Error(`access: ${res.status} ${await res.text()}`);
  return (await res.json()) as { token: string; link: string; code: string; expiresAt: string };
}
