import { DeleteQuery } from '@tournee/shared';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.ts';
import { parse } from '../http/validate.ts';

/** Every signed-in role reads the fleet (drivers see their vehicles and shifts). */
export const canRead = requireRole('admin', 'dispatcher', 'driver');
/** Dispatchers and admins change it. */
export const canWrite = requireRole('admin', 'dispatcher');

export const Uuid = z.uuid({ message: 'must be an id (uuid)' });
const IdParam = z.object({ id: Uuid });

/** The `:id` path parameter, or a 400 naming it. */
export const idOf = (params: unknown): string => parse(IdParam, params, 'path').id;

/** `?force=true` on DELETE. */
export const forceOf = (query: unknown): boolean => parse(DeleteQuery, query, 'query').force === 'true';
