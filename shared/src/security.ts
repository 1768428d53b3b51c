/**
 * Security API (server/src/security): two-factor sign-in (TOTP), sessions, the organisation's
 * security and retention settings, and a person's data export and erasure.
 */
import { z } from 'zod';
import { type LoginResponse, ROLES } from './auth.ts';

/** `POST /api/auth/login` when the account has two-factor sign-in: the code is asked next. */
export interface MfaChallenge {
  mfaRequired: true;
  /** Five minutes to answer with `POST /api/auth/totp`. */
  challenge: string;
}
export type LoginOutcome = LoginResponse | MfaChallenge;

export const TotpSignInRequest = z.object({
  challenge: z.string().min(1).max(200),
  /** The 6 digits of the app, or one of the recovery codes. */
  code: z.string().trim().min(6).max(40),
});
export type TotpSignInRequest = z.infer<typeof TotpSignInRequest>;

export const TotpVerifyRequest = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6 digits'),
});
export type TotpVerifyRequest = z.infer<typeof TotpVerifyRequest>;

/** `POST /api/auth/totp/enroll`: the secret for the authenticator app (not active until verified). */
export interface TotpEnrollment {
  otpauthUri: string;
  secret: string;
}
/** `POST /api/auth/totp/verify`: two-factor is on; the recovery codes are shown this once. */
export interface TotpEnabled {
  enabled: true;
  recoveryCodes: string[];
}
export interface TotpStatus {
  enabled: boolean;
  /** The organisation requires it for this user's role. */
  required: boolean;
  recoveryCodesLeft: number;
}

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1),
  newPassword: z.string().min(1),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** One session, as `GET /api/auth/sessions` lists it. */
export interface SessionInfo {
  id: string;
  userId: string;
  email: string;
  /** The browser's user agent. */
  device: string | null;
  address: string | null;
  createdAt: string;
  lastSeenAt: string | null;
  /** The session of this request. */
  current: boolean;
}

const STAFF_ROLES = ROLES.filter((r) => r !== 'driver') as ['admin', 'dispatcher', 'viewer'];

export const SecuritySettings = z.object({
  /** Roles whose users must use two-factor sign-in: without it they can only enroll. */
  mfaRequiredRoles: z.array(z.enum(STAFF_ROLES)).default([]),
  /** Off: only single sign-on (when configured) signs staff in. */
  passwordSignIn: z.boolean().default(true),
  /** Single sign-on creates unknown users (with the mapped role) instead of refusing them. */
  oidcAutoProvision: z.boolean().default(false),
  /** The role given to a provisioned user whose claims name none. */
  oidcDefaultRole: z.enum(STAFF_ROLES).default('viewer'),
});
export type SecuritySettings = z.infer<typeof SecuritySettings>;
export const DEFAULT_SECURITY: SecuritySettings = SecuritySettings.parse({});

const days = z.number().int().min(1).max(36_500);

/** How long each kind of data is kept, in days (audit events: years); the purge job enforces it. */
export const RetentionSettings = z.object({
  proofDays: days.default(365),
  customerDataDays: days.default(365),
  notificationDays: days.default(180),
  positionDays: days.default(90),
  importRejectionDays: days.default(30),
  auditYears: z.number().int().min(1).max(100).default(5),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;
export const DEFAULT_RETENTION: RetentionSettings = RetentionSettings.parse({});

export const UpdateSecuritySettings = z.object({
  security: SecuritySettings.partial().optional(),
  retention: RetentionSettings.partial().optional(),
});
export type UpdateSecuritySettings = z.infer<typeof UpdateSecuritySettings>;

/** What the purge did, per kind. */
export interface PurgeCounts {
  proofs: number;
  customersAnonymised: number;
  notifications: number;
  positions: number;
  importRejections: number;
  auditEvents: number;
}

export const CustomerLookup = z
  .object({
    phone: z.string().trim().min(3).max(40).optional(),
    email: z.string().trim().email().optional(),
  })
  .refine((v) => v.phone !== undefined || v.email !== undefined, { message: 'give a phone or an email' });
export type CustomerLookup = z.infer<typeof CustomerLookup>;

/** `POST /api/customers/erase`: how many rows were erased or anonymised, per table. */
export interface ErasureResult {
  orders: number;
  notifications: number;
  ratings: number;
  proofs: number;
  trackingLinks: number;
}
