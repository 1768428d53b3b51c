/**
 * The admin's user management: disable and re-enable accounts, reset a password, change a role.
 * A disabled account cannot sign in and its sessions stop at once (they are revoked, and the
 * session lookup ignores disabled users anyway). The organisation always keeps one enabled
 * admin: disabling or demoting the last one is refused (409).
 */
import type { PasswordReset, UpdateUserRequest, UserAccount, UserStatusChange } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError, found } from '../errors.ts';
import { generatePassword, hashPassword } from './password.ts';
import * as repo from './user-admin-repo.ts';

/** What a change did to sessions: their token hashes, so the caller ends their sockets too. */
export interface Revoked {
  revokedHashes: string[];
}

async function lockTarget(tx: Db, actor: Actor, id: string): Promise<UserAccount> {
  return found(await repo.lockAccount(tx, actor.orgId, id), 'User');
}

/** Refuses a change that would leave the organisation without an enabled admin. */
async function keepAnAdmin(tx: Db, actor: Actor, user: UserAccount, doing: string): Promise<void> {
  if (user.role !== 'admin' || user.disabledAt) return;
  if ((await repo.countOtherActiveAdmins(tx, actor.orgId, user.id)) > 0) return;
  throw new AppError(
    'conflict',
    `Cannot ${doing} ${user.email}: it is the organisation's last enabled admin; make another user admin first`,
    { details: [{ field: 'role', message: 'last enabled admin' }] },
  );
}

export async function listAccounts(db: Db, orgId: string): Promise<UserAccount[]> {
  return repo.listAccounts(db, orgId);
}

/** Disables an account and ends its sessions. Admins cannot disable themselves. */
export async function disableUser(db: Db, actor: Actor, id: string): Promise<UserStatusChange & Revoked> {
  return db.transaction(async (tx) => {
    const before = await lockTarget(tx, actor, id);
    if (before.id === actor.userId) {
      throw new AppError('conflict', 'You cannot disable your own account; ask another admin');
    }
    await keepAnAdmin(tx, actor, before, 'disable');
    const user = await repo.setDisabled(tx, id, true);
    const revokedHashes = await repo.revokeUserSessions(tx, id);
    if (!before.disabledAt)
      await recordEvent(tx, actor, 'disable', 'user', id, { email: user.email, revokedSessions: revokedHashes.length });
    return { user, revokedSessions: revokedHashes.length, revokedHashes };
  });
}

export async function enableUser(db: Db, actor: Actor, id: string): Promise<UserStatusChange> {
  return db.transaction(async (tx) => {
    const before = await lockTarget(tx, actor, id);
    const user = await repo.setDisabled(tx, id, false);
    if (before.disabledAt) await recordEvent(tx, actor, 'enable', 'user', id, { email: user.email });
    return { user, revokedSessions: 0 };
  });
}

/** Changes the role and/or name; demoting the last enabled admin is refused. */
export async function updateUser(db: Db, actor: Actor, id: string, patch: UpdateUserRequest): Promise<UserAccount> {
  return db.transaction(async (tx) => {
    const before = await lockTarget(tx, actor, id);
    const role = patch.role ?? before.role;
    if (before.role === 'admin' && role !== 'admin') await keepAnAdmin(tx, actor, before, 'demote');
    const user = await repo.setRoleAndName(tx, id, { role, name: patch.name ?? before.name });
    const changed: Record<string, { from: string; to: string }> = {};
    if (role !== before.role) changed.role = { from: before.role, to: role };
    if (user.name !== before.name) changed.name = { from: before.name, to: user.name };
    if (Object.keys(changed).length > 0)
      await recordEvent(tx, actor, 'update', 'user', id, { email: user.email, changed });
    return user;
  });
}

/**
 * Gives the account a new temporary password (answered once, stored hashed) and ends its
 * sessions, so whoever held the old password is signed out.
 */
export async function resetPassword(db: Db, actor: Actor, id: string): Promise<PasswordReset & Revoked> {
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return db.transaction(async (tx) => {
    const user = await lockTarget(tx, actor, id);
    await repo.setPasswordHash(tx, id, passwordHash);
    const revokedHashes = await repo.revokeUserSessions(tx, id);
    await recordEvent(tx, actor, 'reset_password', 'user', id, {
      email: user.email,
      revokedSessions: revokedHashes.length,
    });
    return { user, temporaryPassword, revokedSessions: revokedHashes.length, revokedHashes };
  });
}
