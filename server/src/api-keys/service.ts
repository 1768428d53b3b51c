/** API keys: created (shown once), listed, revoked; every change audited with its transaction. */
import type { ApiKey, CreateApiKeyRequest, CreatedApiKey } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { notFound } from '../errors.ts';
import { displayPrefix, hashApiKey, newApiKey } from './keys.ts';
import * as repo from './repo.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function createApiKey(db: Db, actor: Actor, req: CreateApiKeyRequest): Promise<CreatedApiKey> {
  const key = newApiKey();
  const scopes = [...new Set(req.scopes)];
  return db.transaction(async (tx) => {
    const created = await repo.insertKey(tx, {
      orgId: actor.orgId,
      name: req.name,
      keyHash: hashApiKey(key),
      prefix: displayPrefix(key),
      scopes,
      createdBy: actor.userId,
    });
    await recordEvent(tx, actor, 'api_key.create', 'api_key', created.id, { name: req.name, scopes });
    return { ...created, key };
  });
}

export const listApiKeys = (db: Db, actor: Actor): Promise<ApiKey[]> => repo.listKeys(db, actor.orgId);

export async function revokeApiKey(db: Db, actor: Actor, id: string): Promise<ApiKey> {
  return db.transaction(async (tx) => {
    const revoked = UUID.test(id) ? await repo.revokeKey(tx, actor.orgId, id) : null;
    if (!revoked) throw notFound('API key');
    await recordEvent(tx, actor, 'api_key.revoke', 'api_key', id, { name: revoked.name });
    return revoked;
  });
}
