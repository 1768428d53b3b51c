/**
 * `GET /api/route-sheets`: the printable route sheets of a day — one driver's (`driverId`; a
 * driver may read only their own) or, without it, every driver's, one page each (staff only).
 * `lang` chooses the sheet's language; by default the organisation's.
 */
import { z } from 'zod';
import { LocalDateField } from './time.ts';

export const SHEET_LANGUAGES = ['fr', 'en'] as const;
export type SheetLanguage = (typeof SHEET_LANGUAGES)[number];

export const RouteSheetsQuery = z.object({
  date: LocalDateField,
  driverId: z.uuid({ message: 'must be an id (uuid)' }).optional(),
  format: z.enum(['csv', 'html'], { message: 'must be csv or html' }).default('html'),
  lang: z.enum(SHEET_LANGUAGES, { message: 'must be fr or en' }).optional(),
});
export type RouteSheetsQuery = z.infer<typeof RouteSheetsQuery>;
