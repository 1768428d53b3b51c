import { DeleteQuery } from '@tournee/shared';
import { requireRole } from '../auth/middleware.ts';
import { idParam, parse } from '../http/validate.ts';

/** Every signed-in role reads the fleet (drivers see their vehicles and shifts). */
export const canRead = requireRole('admin', 'dispatcher', 'driver');
/** Dispatchers and admins change it. */
export const canWrite = requireRole('admin', 'dispatcher');

export { Uuid } from '../http/validate.ts';

/** The `:id` path parameter, or a 400 naming it (http/validate.ts's one check). */
export const idOf = (params: unknown): string => idParam(params);

/** `?force=true` on DELETE. */
export const forceOf = (query: unknown): boolean => parse(DeleteQuery, query, 'query').force === 'true';
