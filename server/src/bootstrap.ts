import type { Config } from './config.ts';
import { insertUser } from './auth/repo.ts';
import { generatePassword, hashPassword } from './auth/password.ts';
import type { Db } from './db/db.ts';
import type { Logger } from './logger.ts';

/**
 * On a database without users, creates the organisation and its first admin, from
 * ADMIN_EMAIL / ADMIN_PASSWORD or with a generated password printed once.
 * Returns the organisation's id when it was created now (so the demo can be seeded into it).
 */
export async function ensureFirstAdmin(db: Db, config: Config, log: Logger): Promise<string | null> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if ((rows[0]?.n ?? 0) > 0) return null;
  const email = config.ADMIN_EMAIL ?? 'admin@tournee.local';
  const password = config.ADMIN_PASSWORD ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const orgId = await db.transaction(async (tx) => {
    const org = await tx.query<{ id: string }>(
      `INSERT INTO organisations (name, dimensions) VALUES ($1, '{kg,m3,parcels}') RETURNING id`,
      [config.SEED_DEMO ? 'Tournée Demo (Lyon)' : 'My organisation'],
    );
    const id = org.rows[0]!.id;
    await insertUser(tx, { orgId: id, email, name: 'Administrator', role: 'admin', passwordHash });
    return id;
  });
  if (config.ADMIN_PASSWORD) {
    log.info({ email }, 'first admin created');
  } else {
    // Printed once, on purpose outside the JSON log, so the operator sees it at first start.
    process.stdout.write(`\n  First admin created: ${email}\n  Password (shown once, change it): ${password}\n\n`);
  }
  return orgId;
}
