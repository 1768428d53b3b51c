/** The organisation's settings as `GET/PATCH /api/organisation` read and answer them. */
import { z } from 'zod';
import { isPhoneCountry } from './phone.ts';

function isLocale(s: string): boolean {
  try {
    return Intl.getCanonicalLocales(s).length === 1;
  } catch {
    return false;
  }
}

/** Dimension names become import headers (`demand_kg`), so they are short lower-case words. */
const Dimension = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be a lower-case name such as kg, m3 or parcels');

export const UpdateOrganisationRequest = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    /** Capacity and demand dimensions, in vector order. */
    dimensions: z
      .array(Dimension)
      .min(1, 'needs at least one dimension')
      .max(8, 'at most 8 dimensions')
      .refine((d) => new Set(d).size === d.length, { message: 'must not repeat a dimension' }),
    /** Service time of an order that gives none, in seconds. */
    defaultServiceS: z.number().int('must be whole seconds').min(0).max(86_400),
    /** ISO 3166 country code national phone numbers are read in. */
    defaultCountry: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isPhoneCountry, { message: 'must be a two-letter country code such as FR' }),
    /** Language of messages to customers (BCP 47, such as fr or en-GB). */
    locale: z.string().trim().refine(isLocale, { message: 'must be a language tag such as fr or en-GB' }),
    /** Import column mapping remembered from the last import: `{ "their header": "canonical field" }`. */
    importMapping: z
      .record(z.string().max(200), z.string().max(64))
      .refine((m) => Object.keys(m).length <= 200, { message: 'at most 200 remembered columns' }),
  })
  .partial();
export type UpdateOrganisationRequest = z.infer<typeof UpdateOrganisationRequest>;

export interface Organisation {
  id: string;
  name: string;
  dimensions: string[];
  defaultServiceS: number;
  defaultCountry: string;
  locale: string;
  importMapping: Record<string, string>;
}
