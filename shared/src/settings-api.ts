/**
 * What the admin's Settings screen sends and reads besides `/api/organisation` and
 * `/api/notifications/settings`: user accounts (invite, disable, reset password, role), the
 * notification template preview, and edits of a weekly shift pattern.
 */
import { z } from 'zod';
import { ROLES, type User } from './auth.ts';
import { NOTIFY_TRIGGERS, type NotifyTrigger } from './notify.ts';
import { BreakWindow, LocalTimeField, Weekdays } from './shifts.ts';
import { LocalDateField } from './time.ts';

/** A user as the admin's list shows it: disabled accounts included. */
export interface UserAccount extends User {
  /** When the account was disabled; null while it may sign in. */
  disabledAt: string | null;
  createdAt: string;
}

/**
 * `POST /api/users` answer. Without a password in the request the server makes a temporary one,
 * shown here once and never stored in clear (the admin hands it over).
 */
export interface CreatedUser extends User {
  temporaryPassword?: string;
}

/** `PATCH /api/users/:id`: the role and/or the display name. */
export const UpdateUserRequest = z
  .object({
    role: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }),
    name: z.string().trim().max(200, 'at most 200 characters'),
  })
  .partial()
  .strict()
  .refine((v) => v.role !== undefined || v.name !== undefined, { message: 'give a role or a name to change' });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

/** `POST /api/users/:id/reset-password` answer: the new temporary password, shown once. */
export interface PasswordReset {
  user: UserAccount;
  temporaryPassword: string;
  /** Sessions of the user that were ended. */
  revokedSessions: number;
}

/** `POST /api/users/:id/disable` and `/enable` answer. */
export interface UserStatusChange {
  user: UserAccount;
  revokedSessions: number;
}

/** `GET /api/notifications/preview?trigger=&locale=`: one trigger (default: all). */
export const TemplatePreviewQuery = z.object({
  trigger: z.enum(NOTIFY_TRIGGERS, { message: `must be one of ${NOTIFY_TRIGGERS.join(', ')}` }).optional(),
  /** Language of the messages; default: the organisation's. */
  locale: z.string().trim().min(2).max(35).optional(),
});

/** A trigger's SMS and email, rendered for a sample order. */
export interface TemplatePreview {
  trigger: NotifyTrigger;
  locale: string;
  sms: string;
  subject: string;
  text: string;
}

/**
 * `PATCH /api/shift-patterns/:id`: the changed fields. Shifts still to come are redrawn from the
 * merged pattern; days changed by hand, and days a route already uses, are kept.
 */
export const UpdateShiftPatternRequest = z
  .object({
    driverId: z.uuid({ message: 'must be an id (uuid)' }).nullable(),
    weekdays: Weekdays,
    start: LocalTimeField,
    end: LocalTimeField,
    breaks: z.array(BreakWindow).max(10, 'at most 10 breaks'),
    validFrom: LocalDateField,
    validTo: LocalDateField.nullable(),
  })
  .partial()
  .strict();
export type UpdateShiftPatternRequest = z.infer<typeof UpdateShiftPatternRequest>;
