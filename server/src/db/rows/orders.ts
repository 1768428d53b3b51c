// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `orders`. */
export interface OrdersRow {
  id: string;
  org_id: string;
  ref: string;
  name: string;
  phone: string | null;
  email: string | null;
  address: string;
  location: unknown;
  geocoded: boolean;
  date_from: string;
  date_to: string;
  time_windows: unknown;
  service_s: number;
  demand: number[];
  skills: string[];
  priority: number;
  notes: string;
  status: string;
  content_hash: string;
  created_at: Date;
  updated_at: Date;
  cancelled_at: Date | null;
  hold_reason: string | null;
  hold_until: Date | null;
  source: string;
  import_id: string | null;
  last_import_id: string | null;
  require_proof: string[];
  depot_id: string | null;
  tags: string[];
  anonymised_at: Date | null;
  pickup_address: string | null;
  pickup_location: unknown;
  pickup_time_windows: unknown;
  delivery_code: string;
}
