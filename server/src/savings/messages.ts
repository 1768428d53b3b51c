/**
 * What a baseline import says about its own columns and routes, in the request's language (the
 * order columns are explained by the orders import's messages).
 */
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

const en: BaselineMessages = {
  noRouteColumn: 'a baseline needs a driver or vehicle column',
  routeRequired: 'is required: which route the stop is on',
  badSeq: 'must be a whole number: the stop’s place on its route',
  noStops: 'the file has no stops',
  noVehicle: (n) => `no vehicle of the fleet is named "${n}"`,
  noDriver: (n) => `no driver is named "${n}"`,
  driverWithoutVehicle: (d, date) => `${d} has no shift on ${date} and no default vehicle`,
  noShift: (v, date) => `${v} has no shift on ${date}: add one so the route has hours`,
  vehicleTaken: (v, row) => `${v} already drives the route of row ${row}: one route per vehicle and day`,
};

const fr: BaselineMessages = {
  noRouteColumn: 'une référence a besoin d’une colonne chauffeur ou véhicule',
  routeRequired: 'est obligatoire : la tournée de l’arrêt',
  badSeq: 'doit être un nombre entier : la place de l’arrêt dans sa tournée',
  noStops: 'le fichier ne contient aucun arrêt',
  noVehicle: (n) => `aucun véhicule de la flotte ne s’appelle « ${n} »`,
  noDriver: (n) => `aucun chauffeur ne s’appelle « ${n} »`,
  driverWithoutVehicle: (d, date) => `${d} n’a ni créneau le ${date} ni véhicule par défaut`,
  noShift: (v, date) => `${v} n’a pas de créneau le ${date} : ajoutez-en un pour donner ses horaires à la tournée`,
  vehicleTaken: (v, row) => `${v} fait déjà la tournée de la ligne ${row} : une tournée par véhicule et par jour`,
};

/** The baseline's messages in the language of the import's messages. */
export const baselineMessages = (m: ImportMessages | undefined): BaselineMessages =>
  m === IMPORT_MESSAGES.fr ? fr : en;
