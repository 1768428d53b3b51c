/**
 * Header recognition: which canonical order field each column of a file holds. Headers match
 * case- and accent-insensitively, by canonical name or by an English or French alias; a
 * `mapping` ({ "their header": "canonical field" }) names any other header.
 */

import { IMPORT_MESSAGES, type ImportMessages } from './messages.ts';

/** A problem with the header row; `row` is always 1 (the header row). */
export interface HeaderError {
  row: 1;
  column: string;
  value: string;
  message: string;
}

/** 'Début créneau (kg)' → 'debut creneau kg': lower case, no accents, words split by one space. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD') // also turns ³ into 3 ("m³" → "m3")
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const ALIASES: Record<string, string[]> = {
  ref: [
    'ref',
    'reference',
    'ref commande',
    'reference commande',
    'order ref',
    'order reference',
    'order id',
    'order number',
    'order no',
    'external ref',
    'commande',
    'n commande',
    'no commande',
    'numero commande',
    'numero de commande',
    'id commande',
  ],
  name: [
    'name',
    'client',
    'nom',
    'nom client',
    'customer',
    'customer name',
    'destinataire',
    'recipient',
    'contact',
    'raison sociale',
  ],
  phone: ['phone', 'telephone', 'tel', 'phone number', 'mobile', 'portable', 'numero de telephone', 'gsm'],
  email: ['email', 'e mail', 'mail', 'courriel', 'adresse email', 'adresse e mail', 'adresse mail'],
  address: [
    'address',
    'adresse',
    'adresse de livraison',
    'delivery address',
    'street',
    'street address',
    'rue',
    'address 1',
    'address line 1',
    'adresse 1',
    'adresse ligne 1',
  ],
  postcode: ['postcode', 'code postal', 'cp', 'postal code', 'zip', 'zip code', 'zipcode'],
  city: ['city', 'ville', 'commune', 'town', 'localite'],
  country: ['country', 'pays'],
  lat: ['lat', 'latitude', 'y'],
  lon: ['lon', 'lng', 'long', 'longitude', 'x'],
  date: ['date', 'date de livraison', 'delivery date', 'jour', 'day', 'jour de livraison', 'date livraison'],
  date_from: ['date from', 'from date', 'date debut', 'date de debut', 'du', 'date min', 'earliest date'],
  date_to: ['date to', 'to date', 'date fin', 'date de fin', 'au', 'date max', 'latest date'],
  tw_start: [
    'tw start',
    'tw1 start',
    'debut creneau',
    'debut de creneau',
    'creneau debut',
    'heure debut',
    'heure de debut',
    'window start',
    'time window start',
    'start time',
    'from time',
    'debut',
    'start',
  ],
  tw_end: [
    'tw end',
    'tw1 end',
    'fin creneau',
    'fin de creneau',
    'creneau fin',
    'heure fin',
    'heure de fin',
    'window end',
    'time window end',
    'end time',
    'to time',
    'fin',
    'end',
  ],
  service_min: [
    'service min',
    'service',
    'service time',
    'service time min',
    'service minutes',
    'duree min',
    'duree',
    'duree service',
    'duree de service',
    'temps de service',
    'temps service',
    'duration',
    'duration min',
    'stop duration',
  ],
  skills: ['skills', 'competences', 'competence', 'skills required', 'tags', 'exigences'],
  priority: ['priority', 'priorite', 'prio'],
  require_proof: [
    'require proof',
    'requireproof',
    'required proof',
    'proof required',
    'proof',
    'proof of delivery',
    'pod',
    'preuve',
    'preuves',
    'preuve requise',
    'preuves requises',
    'preuve de livraison',
  ],
  // Pickup and delivery orders: where (and when) the goods are collected before delivery.
  pickup_address: [
    'pickup address',
    'pickup',
    'collection address',
    'adresse enlevement',
    'adresse d enlevement',
    'adresse de collecte',
    'adresse de ramassage',
    'adresse de chargement',
    'lieu d enlevement',
    'enlevement',
  ],
  pickup_lat: ['pickup lat', 'pickup latitude', 'lat enlevement', 'latitude enlevement', 'latitude d enlevement'],
  pickup_lon: [
    'pickup lon',
    'pickup lng',
    'pickup longitude',
    'lon enlevement',
    'longitude enlevement',
    'longitude d enlevement',
  ],
  pickup_tw_start: [
    'pickup tw start',
    'pickup start',
    'pickup window start',
    'debut enlevement',
    'debut creneau enlevement',
    'heure debut enlevement',
    'enlevement debut',
  ],
  pickup_tw_end: [
    'pickup tw end',
    'pickup end',
    'pickup window end',
    'fin enlevement',
    'fin creneau enlevement',
    'heure fin enlevement',
    'enlevement fin',
  ],
  notes: [
    'notes',
    'note',
    'remarques',
    'remarque',
    'commentaire',
    'commentaires',
    'comment',
    'comments',
    'instructions',
    'instructions de livraison',
    'delivery instructions',
    'observations',
  ],
};

const BY_ALIAS = new Map<string, string>();
for (const [field, aliases] of Object.entries(ALIASES)) for (const a of aliases) BY_ALIAS.set(a, field);

// Quantity words whose unit names the dimension: "Poids (kg)" → demand_kg, "Volume (m³)" → demand_m3.
const QUANTITY_WORDS = '(?:demand|demande|poids|weight|volume|quantite|quantity|qte|qty|charge|load)';
const QUANTITY_UNIT = new RegExp(`^${QUANTITY_WORDS} ([a-z0-9]+)$`);
const BARE_QUANTITY: Record<string, string> = {
  poids: 'demand_kg',
  weight: 'demand_kg',
  volume: 'demand_m3',
  colis: 'demand_parcels',
  'nb colis': 'demand_parcels',
  'nombre de colis': 'demand_parcels',
  parcels: 'demand_parcels',
  packages: 'demand_parcels',
  'nombre colis': 'demand_parcels',
};
const WINDOW_N = /^(?:tw ?(\d+) (start|end)|(debut|fin) (?:de )?creneau (\d+)|window (\d+) (start|end))$/;

const FIELD =
  /^(ref|name|phone|email|address|postcode|city|country|lat|lon|date|date_from|date_to|service_min|skills|priority|notes|require_proof|pickup_(?:address|lat|lon|tw_start|tw_end)|tw\d*_(?:start|end)|demand_[a-z0-9]+)$/;

/** True when `field` is a canonical field name a mapping may point at. */
export const isCanonicalField = (field: string): boolean => FIELD.test(field);

/** The canonical field a header names, or null when it is not recognised. */
export function fieldForHeader(header: string): string | null {
  const h = normaliseHeader(header);
  if (!h) return null;
  const direct = BY_ALIAS.get(h);
  if (direct) return direct;
  const w = WINDOW_N.exec(h);
  if (w) {
    const n = Number(w[1] ?? w[4] ?? w[5]);
    const edge = w[2] ?? (w[3] ? (w[3] === 'debut' ? 'start' : 'end') : w[6]);
    return n <= 1 ? `tw_${edge}` : `tw${n}_${edge}`;
  }
  const q = QUANTITY_UNIT.exec(h);
  if (q) return `demand_${q[1]}`;
  return BARE_QUANTITY[h] ?? null;
}

export interface ColumnPlan {
  /** The canonical field of each column (by index), or null for a column that is ignored. */
  fields: (string | null)[];
  /** Headers that matched nothing and are ignored. */
  ignored: string[];
  errors: HeaderError[];
}

/**
 * Decides the field of every column. The mapping wins over aliases (an empty target ignores
 * the column); demand columns must name one of the organisation's dimensions; two columns may
 * not feed one field; `ref` and a date are required.
 */
export function planColumns(
  headers: string[],
  dimensions: string[],
  mapping: Record<string, string> = {},
  m: ImportMessages = IMPORT_MESSAGES.en,
): ColumnPlan {
  const mapped = new Map<string, string>();
  for (const [from, to] of Object.entries(mapping)) mapped.set(normaliseHeader(from), to);
  const fields: (string | null)[] = [];
  const ignored: string[] = [];
  const errors: HeaderError[] = [];
  const seen = new Map<string, string>();
  for (const header of headers) {
    const key = normaliseHeader(header);
    let field = mapped.has(key) ? mapped.get(key) || null : fieldForHeader(header);
    if (field === 'tw1_start' || field === 'tw1_end') field = field.replace('tw1', 'tw');
    if (field?.startsWith('demand_') && !dimensions.includes(field.slice(7))) {
      errors.push({
        row: 1,
        column: header,
        value: header,
        message: m.notDimension(field.slice(7), dimensions.join(', ')),
      });
      field = null;
    } else if (field && seen.has(field)) {
      errors.push({
        row: 1,
        column: header,
        value: header,
        message: m.sameField(seen.get(field)!, header, field),
      });
      field = null;
    } else if (field) {
      seen.set(field, header);
    } else if (header.trim()) {
      ignored.push(header);
    }
    fields.push(field);
  }
  if (!seen.has('ref')) {
    errors.push({
      row: 1,
      column: 'ref',
      value: '',
      message: m.noRefColumn,
    });
  }
  if (!seen.has('date') && !seen.has('date_from')) {
    errors.push({
      row: 1,
      column: 'date',
      value: '',
      message: m.noDateColumn,
    });
  }
  return { fields, ignored, errors };
}
