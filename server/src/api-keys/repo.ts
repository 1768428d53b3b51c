/** SQL of API keys: stored hashed, looked up by hash, revoked by time. */
import type { ApiKey, ApiKeyScope } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { ApiKeysRow } from '../db/rows/api_keys.ts';

type KeyRow = Pick<ApiKeysRow, 'id' | 'name' | 'prefix' | 'created_at' | 'last_used_at' | 'revoked_at'> & {
  scopes: ApiKeyScope[];
};

const COLUMNS = 'id, name, prefix, scopes, created_at, last_used_at, revoked_at';

const toKey = (r: KeyRow): ApiKey => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  scopes: r.scopes,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

export async function insertKey(
  db: Db,
  k: { orgId: string; name: string; keyHash: string; prefix: string; scopes: ApiKeyScope[]; createdBy: string | null },
): Promise<ApiKey> {
  const { rows } = await db.query<KeyRow>(
    `INSERT INTO api_keys (org_id, name, key_hash, prefix, scopes, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [k.orgId, k.name, k.keyHash, k.prefix, k.scopes, k.createdBy],
  );
  return toKey(rows[0]!);
}

export async function listKeys(db: Db, orgId: string): Promise<ApiKey[]> {
  const { rows } = await db.query<KeyRow>(
    `SELECT ${COLUMNS} FROM api_keys WHERE org_id = $1 ORDER BY revoked_at IS NOT NULL, created_at DESC`,
    [orgId],
  );
  return rows.map(toKey);
}

/** Revokes a live key; null when the organisation has no such live key. */
export async function revokeKey(db: Db, orgId: string, id: string): Promise<ApiKey | null> {
  const { rows } = await db.query<KeyRow>(
    `UPDATE api_keys SET revoked_at = now() WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [orgId, id],
  );
  return rows[0] ? toKey(rows[0]) : null;
}

/** Who a live key acts for: its organisation, scopes and the admin who created it. */
export interface KeyPrincipal {
  keyId: string;
  name: string;
  orgId: string;
  scopes: ApiKeyScope[];
  createdBy: string | null;
  lastUsedAt: Date | null;
}

export async function principalByHash(db: Db, keyHash: string): Promise<KeyPrincipal | null> {
  const { rows } = await db.query<
    Pick<ApiKeysRow, 'id' | 'name' | 'org_id' | 'created_by' | 'last_used_at'> & { scopes: ApiKeyScope[] }
  >(
    'SELECT id, name, org_id, scopes, created_by, last_used_at FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
    [keyHash],
  );
  const r = rows[0];
  return r
    ? {
        keyId: r.id,
        name: r.name,
        orgId: r.org_id,
        scopes: r.scopes,
        createdBy: r.created_by,
        lastUsedAt: r.last_used_at,
      }
    : null;
}

/** Records a use; at most once a minute per key, so a busy client does not write on every call. */
export async function touchKey(db: Db, keyId: string): Promise<void> {
  await db.query(
    `UPDATE api_keys SET last_used_at = now()
      WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [keyId],
  );
}
