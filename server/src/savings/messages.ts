/**
 * What a baseline import says about its own columns and routes, in the request's language (the
 * order columns are explained by the orders import's messages).
 */
import { formatMessage, intlLocale, type Language, type MessageValues } from '@tournee/shared';
import { IMPORT_MESSAGES, type ImportMessages } from '../orders/import/messages.ts';

export interface BaselineMessages {
  noRouteColumn: string;
  routeRequired: string;
  badSeq: string;
  noStops: string;
  noVehicle(name: string): string;
  noDriver(name: string): string;
  driverWithoutVehicle(driver: string, date: string): string;
  noShift(vehicle: string, date: string): string;
  vehicleTaken(vehicle: string, row: number): string;
}

/** One language's texts, in shared's message syntax (`{name}`). */
type Texts = Record<keyof BaselineMessages, string>;

const EN: Texts = {
  noRouteColumn: 'a baseline needs a driver or vehicle column',
  routeRequired: 'is required: which route the stop is on',
  badSeq: 'must be a whole number: the stop’s place on its route',
  noStops: 'the file has no stops',
  noVehicle: 'no vehicle of the fleet is named "{name}"',
  noDriver: 'no driver is named "{name}"',
  driverWithoutVehicle: '{driver} has no shift on {date} and no default vehicle',
  noShift: '{vehicle} has no shift on {date}: add one so the route has hours',
  vehicleTaken: '{vehicle} already drives the route of row {row}: one route per vehicle and day',
};

const FR: Texts = {
  noRouteColumn: 'une référence a besoin d’une colonne chauffeur ou véhicule',
  routeRequired: 'est obligatoire : la tournée de l’arrêt',
  badSeq: 'doit être un nombre entier : la place de l’arrêt dans sa tournée',
  noStops: 'le fichier ne contient aucun arrêt',
  noVehicle: 'aucun véhicule de la flotte ne s’appelle « {name} »',
  noDriver: 'aucun chauffeur ne s’appelle « {name} »',
  driverWithoutVehicle: '{driver} n’a ni créneau le {date} ni véhicule par défaut',
  noShift: '{vehicle} n’a pas de créneau le {date} : ajoutez-en un pour donner ses horaires à la tournée',
  vehicleTaken: '{vehicle} fait déjà la tournée de la ligne {row} : une tournée par véhicule et par jour',
};

/** One language's messages, filled by shared's formatter (row numbers as text: "row 12345"). */
function messages(x: Texts, lang: Language): BaselineMessages {
  const locale = intlLocale(lang);
  const f = (template: string, values: MessageValues) => formatMessage(template, values, locale);
  return {
    noRouteColumn: x.noRouteColumn,
    routeRequired: x.routeRequired,
    badSeq: x.badSeq,
    noStops: x.noStops,
    noVehicle: (name) => f(x.noVehicle, { name }),
    noDriver: (name) => f(x.noDriver, { name }),
    driverWithoutVehicle: (driver, date) => f(x.driverWithoutVehicle, { driver, date }),
    noShift: (vehicle, date) => f(x.noShift, { vehicle, date }),
    vehicleTaken: (vehicle, row) => f(x.vehicleTaken, { vehicle, row: String(row) }),
  };
}

const en = messages(EN, 'en');
const fr = messages(FR, 'fr');

/** The baseline's messages in the language of the import's messages. */
export const baselineMessages = (m: ImportMessages | undefined): BaselineMessages =>
  m === IMPORT_MESSAGES.fr ? fr : en;
