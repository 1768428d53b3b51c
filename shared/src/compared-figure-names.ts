import type { Language } from './i18n/language.ts';
import type { ComparedFigure } from './savings.ts';

/**
 * What each compared figure is called, in each language: the rows of the planner's savings card
 * and of the printable savings report (which is in English).
 */
export const COMPARED_FIGURE_NAMES: Record<Language, Record<ComparedFigure, string>> = {
  en: {
    vehicles: 'Vehicles',
    distanceM: 'Distance',
    drivingS: 'Driving time',
    overtimeS: 'Overtime',
    lateStops: 'Late stops',
    cost: 'Cost',
  },
  fr: {
    vehicles: 'Véhicules',
    distanceM: 'Distance',
    drivingS: 'Temps de conduite',
    overtimeS: 'Heures sup.',
    lateStops: 'Arrêts en retard',
    cost: 'Coût',
  },
};
