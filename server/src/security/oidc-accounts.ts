/**
 * Who a single sign-on identity is here: the user already linked to its subject, else the user
 * with its (verified) email, else, when an organisation allows it, a new user with the role its
 * claims map to. Refusals say why; they are audited as failed sign-ins.
 */
import type { Role, User } from '@tournee/shared';
import { recordEvent } from '../audit/audit.ts';
import { recordSignIn, SIGN_IN } from '../audit/sign-ins.ts';
import { insertUser } from '../auth/repo.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import type { Db } from '../db/db.ts';
import type { OidcIdentity } from './oidc-client.ts';
import * as repo from './oidc-repo.ts';
import { resolveSettings } from './settings.ts';

const SSO_ROLES = ['admin', 'dispatcher', 'viewer'] as const;

/** The first staff role a claim names (`"dispatcher"`, `["viewer", "x"]`); null when none. */
export function mappedRole(claim: unknown): Role | null {
  const values = Array.isArray(claim) ? claim : [claim];
  for (const v of values) {
    if (typeof v === 'string' && (SSO_ROLES as readonly string[]).includes(v.toLowerCase()))
      return v.toLowerCase() as Role;
  }
  return null;
}

export class SsoRefused extends Error {}

/** The user to sign in, or SsoRefused with the reason shown on the sign-in page. */
export async function userForIdentity(db: Db, id: OidcIdentity, ip: string): Promise<User> {
  const subject = `${id.issuer} ${id.subject}`;
  const refuse = async (reason: string, user: { id: string; orgId: string } | null) => {
    await repo.recordSsoFailure(db, user, { email: id.email, ip, method: 'oidc', reason });
    throw new SsoRefused(reason);
  };
  if (!id.email || !id.emailVerified) {
    return refuse('Your single sign-on account has no verified email address; ask your administrator', null);
  }
  const linked = (await repo.findBySubject(db, subject)) ?? (await repo.findByEmail(db, id.email));
  if (linked) {
    if (linked.disabled)
      return refuse('This account is disabled; ask an administrator of your organisation', linked.user);
    if (linked.user.role === 'driver')
      return refuse('Drivers sign in with their link or code, not single sign-on', linked.user);
    if (!linked.subject) await repo.linkSubject(db, linked.user.id, subject);
    else if (linked.subject !== subject)
      return refuse('This email is linked to another single sign-on account', linked.user);
    await recordSignIn(db, SIGN_IN, linked.user, { email: linked.user.email, ip });
    return linked.user;
  }
  const orgs = await repo.organisations(db);
  const org = orgs.find((o) => resolveSettings(o.settings).security.oidcAutoProvision);
  if (!org) return refuse(`No account for ${id.email} here; ask an administrator to invite you`, null);
  const role = mappedRole(id.roleClaim) ?? resolveSettings(org.settings).security.oidcDefaultRole;
  // The account signs in through the provider; its password is random and never shown.
  const passwordHash = await hashPassword(generatePassword());
  const user = await db.transaction(async (tx) => {
    const created = await insertUser(tx, { orgId: org.id, email: id.email!, name: id.name, role, passwordHash });
    await repo.linkSubject(tx, created.id, subject);
    await recordEvent(tx, { userId: null, orgId: org.id, role: 'system' }, 'create', 'user', created.id, {
      email: created.email,
      role,
      via: 'oidc',
    });
    return created;
  });
  await recordSignIn(db, SIGN_IN, user, { email: user.email, ip });
  return user;
}
