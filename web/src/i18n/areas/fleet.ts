/** The fleet screen's words added after the base catalogue (depots, vehicles, drivers, shifts). */
export const fleetEn = {
  'fleet.email': 'Email',
  'fleet.latLon': 'Latitude, longitude',
  'fleet.skillsExample': 'fridge, tail-lift',
} as const;

export const fleetFr: Record<keyof typeof fleetEn, string> = {
  'fleet.email': 'E-mail',
  'fleet.latLon': 'Latitude ; longitude',
  'fleet.skillsExample': 'frigo, hayon',
};
