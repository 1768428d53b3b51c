/** The fleet screen's words added after the base catalogue (depots, vehicles, drivers, shifts). */
export const fleetEn = {
  'fleet.email': 'Email',
  'fleet.latLon': 'Latitude, longitude',
  'fleet.skillsExample': 'fridge, tail-lift',
  // Loading docks of a depot: how many vans load at once, and for how long.
  'fleet.docks': 'Loading docks',
  'fleet.docksHint': 'Vans loading at once; empty: no limit',
  'fleet.loadingMin': 'Loading (min)',
  'fleet.noLimit': 'No limit',
  // Multi-trip vehicles: back to the depot mid-shift to load again.
  'fleet.reloads': 'Reloads at the depot',
  'fleet.reloadMin': 'Reload (min)',
  'fleet.reloadMinHint': 'Empty: one trip, no reload',
  'fleet.maxTrips': 'Trips at most',
  'fleet.reloadText': '{min} min, {trips} trips at most',
  'fleet.oneTrip': 'One trip',
} as const;

export const fleetFr: Record<keyof typeof fleetEn, string> = {
  'fleet.email': 'E-mail',
  'fleet.latLon': 'Latitude ; longitude',
  'fleet.skillsExample': 'frigo, hayon',
  'fleet.docks': 'Quais de chargement',
  'fleet.docksHint': 'Véhicules chargés en même temps ; vide : sans limite',
  'fleet.loadingMin': 'Chargement (min)',
  'fleet.noLimit': 'Sans limite',
  'fleet.reloads': 'Rechargements au dépôt',
  'fleet.reloadMin': 'Rechargement (min)',
  'fleet.reloadMinHint': 'Vide : une seule rotation, sans rechargement',
  'fleet.maxTrips': 'Rotations au plus',
  'fleet.reloadText': '{min} min, {trips} rotations au plus',
  'fleet.oneTrip': 'Une seule rotation',
};
