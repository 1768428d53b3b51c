// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `vehicles`. */
export interface VehiclesRow {
  id: string;
  org_id: string;
  depot_id: string;
  end_depot_id: string | null;
  name: string;
  capacity: number[];
  skills: string[];
  fixed_cost: number;
  cost_per_km: number;
  cost_per_hour: number;
  max_stops: number | null;
  max_duration_s: number | null;
  max_distance_m: number | null;
  speed_factor: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  reload_min: number | null;
  max_trips: number;
}
