import { z } from 'zod';

/** `viewer`: the dispatcher's screens, read-only (no write of any kind). */
export const ROLES = ['admin', 'dispatcher', 'driver', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const LoginRequest = z.object({
  email: z.string().trim().email(),
  password: z.string().min(1),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** A signed-in user as the API shows it (never with the password hash). */
export interface User {
  id: string;
  orgId: string;
  email: string;
  name: string;
  role: Role;
  driverId: string | null;
}

export interface LoginResponse {
  token: string;
  user: User;
  expiresAt: string;
}

export const CreateUserRequest = z.object({
  email: z.string().trim().email(),
  name: z.string().trim().max(200).default(''),
  role: z.enum(ROLES),
  /** Absent: the server makes a temporary password and answers it once (an invitation). */
  /** Checked for length and strength by the server (at least 12 characters, zxcvbn score ≥ 3). */
  password: z.string().min(12, 'must be at least 12 characters').optional(),
  driverId: z.string().uuid().nullable().optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;
