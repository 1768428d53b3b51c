/**
 * The words for a driver's stops wherever the route is shown to the driver — the driver app and
 * the printed route sheet — so both name a stop's status, its kind and its load alike.
 */
import type { StopStatus } from '../planning.ts';
import type { Language } from './language.ts';

export interface StopWords {
  status: Record<StopStatus, string>;
  /** The two stops of a pickup and delivery order. */
  kind: { pickup: string; delivery: string };
  /** A pickup stop's `delivered` status: the goods were collected. */
  pickedUp: string;
  breakLabel: string;
  reloadLabel: string;
  /** Template: the planned arrival is before the window opens. */
  arriveWait: string;
  /** The organisation's own dimension names, put in the language when they are the usual English ones. */
  dimension: Record<string, string>;
}

export const STOP_WORDS: Record<Language, StopWords> = {
  en: {
    status: { pending: 'To do', arrived: 'Arrived', delivered: 'Delivered', failed: 'Failed', skipped: 'Skipped' },
    kind: { pickup: 'Pickup', delivery: 'Delivery' },
    pickedUp: 'Picked up',
    breakLabel: 'Break',
    reloadLabel: 'Reload at the depot',
    arriveWait: 'arrive {time}, wait',
    dimension: {},
  },
  fr: {
    status: { pending: 'À faire', arrived: 'Sur place', delivered: 'Livré', failed: 'Échec', skipped: 'Passé' },
    kind: { pickup: 'Enlèvement', delivery: 'Livraison' },
    pickedUp: 'Enlevé',
    breakLabel: 'Pause',
    reloadLabel: 'Rechargement au dépôt',
    arriveWait: 'arrivée {time}, attendre',
    dimension: { parcels: 'colis', parcel: 'colis', pallets: 'palettes', pallet: 'palettes', items: 'articles' },
  },
};
