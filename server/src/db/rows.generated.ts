// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `alerts`. */
export interface AlertsRow {
  id: string;
  org_id: string;
  type: string;
  subject: string;
  route_id: string | null;
  stop_id: string | null;
  order_id: string | null;
  driver_id: string | null;
  local_date: string;
  status: string;
  details: unknown;
  opened_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  resolved_at: Date | null;
}

/** Table `api_keys`. */
export interface ApiKeysRow {
  id: string;
  org_id: string;
  name: string;
  key_hash: string;
  prefix: string;
  scopes: string[];
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** Table `attempts`. */
export interface AttemptsRow {
  id: string;
  org_id: string;
  order_id: string;
  stop_id: string | null;
  route_id: string | null;
  local_date: string;
  n: number;
  outcome: string;
  reason: string | null;
  note: string | null;
  at: Date;
  event_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Table `automation_rules`. */
export interface AutomationRulesRow {
  id: string;
  org_id: string;
  position: number;
  name: string;
  enabled: boolean;
  stop: boolean;
  when: unknown;
  then: unknown;
  created_at: Date;
  updated_at: Date;
}

/** Table `baselines`. */
export interface BaselinesRow {
  id: string;
  org_id: string;
  name: string;
  local_date: string;
  filename: string | null;
  totals: unknown;
  routes: unknown;
  created_by: string | null;
  created_at: Date;
}

/** Table `depots`. */
export interface DepotsRow {
  id: string;
  org_id: string;
  name: string;
  address: string;
  location: unknown;
  time_zone: string;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  docks: number | null;
  loading_min: number;
}

/** Table `driver_access`. */
export interface DriverAccessRow {
  id: string;
  driver_id: string;
  token_hash: string;
  code_hash: string | null;
  expires_at: Date;
  revoked_at: Date | null;
  created_at: Date;
  org_id: string | null;
  created_by: string | null;
}

/** Table `drivers`. */
export interface DriversRow {
  id: string;
  org_id: string;
  name: string;
  phone: string | null;
  email: string | null;
  default_vehicle_id: string | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

/** Table `events`. */
export interface EventsRow {
  id: string;
  org_id: string | null;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: unknown;
  at: Date;
}

/** Table `geocode_cache`. */
export interface GeocodeCacheRow {
  query: string;
  location: unknown;
  label: string | null;
  created_at: Date;
}

/** Table `import_rejections`. */
export interface ImportRejectionsRow {
  import_id: string;
  row_number: number;
  errors: unknown;
  cells: unknown;
}

/** Table `imports`. */
export interface ImportsRow {
  id: string;
  org_id: string;
  user_id: string | null;
  filename: string | null;
  format: string;
  partial: boolean;
  committed: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected_rows: number;
  at: Date;
  columns: string[];
  delimiter: string;
  total_rows: number;
  rejected_kept: number | null;
  rejections_purged_at: Date | null;
}

/** Table `latest_positions`. */
export interface LatestPositionsRow {
  driver_id: string;
  org_id: string;
  route_id: string | null;
  device_at: Date;
  location: unknown;
  accuracy_m: number | null;
  speed_mps: number | null;
  heading: number | null;
}

/** Table `mfa_challenges`. */
export interface MfaChallengesRow {
  token_hash: string;
  user_id: string;
  ip: string;
  user_agent: string | null;
  failures: number;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

/** Table `notifications`. */
export interface NotificationsRow {
  id: string;
  org_id: string;
  order_id: string | null;
  channel: string;
  trigger: string;
  idempotency_key: string;
  recipient: string;
  locale: string;
  subject: string | null;
  body: string;
  html: string | null;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  provider: string | null;
  provider_id: string | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  route_id: string | null;
  updated_at: Date;
  redacted_at: Date | null;
}

/** Table `notify_opt_outs`. */
export interface NotifyOptOutsRow {
  org_id: string;
  recipient: string;
  at: Date;
}

/** Table `notify_order_state`. */
export interface NotifyOrderStateRow {
  order_id: string;
  told_eta_at: Date | null;
  eta_moves: number;
  announced_start_at: Date | null;
  announced_end_at: Date | null;
  announced_outside: string | null;
  eta_moved_sent_at: Date | null;
  started_sent_at: Date | null;
}

/** Table `order_template_occurrences`. */
export interface OrderTemplateOccurrencesRow {
  template_id: string;
  local_date: string;
  order_id: string | null;
  content_hash: string | null;
  created_at: Date;
}

/** Table `order_template_runs`. */
export interface OrderTemplateRunsRow {
  template_id: string;
  local_date: string;
  ran_at: Date;
}

/** Table `order_templates`. */
export interface OrderTemplatesRow {
  id: string;
  org_id: string;
  ref: string;
  depot_id: string;
  rrule: string;
  starts_on: string;
  ends_on: string | null;
  ahead_days: number;
  paused: boolean;
  order_fields: unknown;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

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

/** Table `organisations`. */
export interface OrganisationsRow {
  id: string;
  name: string;
  dimensions: string[];
  default_service_s: number;
  default_country: string;
  locale: string;
  settings: unknown;
  created_at: Date;
}

/** Table `plan_schedule_runs`. */
export interface PlanScheduleRunsRow {
  id: string;
  schedule_id: string;
  org_id: string;
  kind: string;
  tick: Date;
  status: string;
  plan_ids: string[];
  from_date: string | null;
  to_date: string | null;
  summary: unknown;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

/** Table `plan_schedules`. */
export interface PlanSchedulesRow {
  id: string;
  org_id: string;
  name: string;
  enabled: boolean;
  depot_id: string;
  cron: string;
  start_offset_days: number;
  horizon_days: number;
  options: unknown;
  time_limit_s: number | null;
  publish_at: string | null;
  publish_lead_days: number | null;
  armed_at: Date;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Table `plans`. */
export interface PlansRow {
  id: string;
  org_id: string;
  status: string;
  from_date: string;
  to_date: string;
  depot_ids: string[] | null;
  order_ids: string[] | null;
  options: unknown;
  progress: unknown;
  summary: unknown;
  error: string | null;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  owner_host: string | null;
  owner_pid: number | null;
  owner_started_at: Date | null;
  heartbeat_at: Date | null;
  queue_name: string | null;
}

/** Table `positions`. */
export interface PositionsRow {
  id: string;
  client_id: string;
  org_id: string;
  driver_id: string;
  route_id: string | null;
  device_at: Date;
  received_at: Date;
  location: unknown;
  accuracy_m: number | null;
  speed_mps: number | null;
  heading: number | null;
}

/** Table `proof_files`. */
export interface ProofFilesRow {
  id: string;
  stop_event_id: string;
  kind: string;
  content_type: string;
  data: Buffer;
  created_at: Date;
  size_bytes: number | null;
}

/** Table `ratings`. */
export interface RatingsRow {
  order_id: string;
  rating: number;
  comment: string;
  at: Date;
}

/** Table `recovery_codes`. */
export interface RecoveryCodesRow {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}

/** Table `route_versions`. */
export interface RouteVersionsRow {
  route_id: string;
  version: number;
  snapshot: unknown;
  created_at: Date;
}

/** Table `routes`. */
export interface RoutesRow {
  id: string;
  org_id: string;
  plan_id: string | null;
  shift_id: string | null;
  vehicle_id: string;
  driver_id: string | null;
  depot_id: string;
  local_date: string;
  status: string;
  locked: boolean;
  version: number;
  start_at: Date | null;
  end_at: Date | null;
  distance_m: number;
  duration_s: number;
  geometry: unknown;
  violations: unknown;
  published_at: Date | null;
  started_at: Date | null;
  created_at: Date;
  updated_at: Date;
  start_any_day: boolean;
}

/** Table `sessions`. */
export interface SessionsRow {
  token_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  id: string;
  user_agent: string | null;
  ip: string | null;
  last_seen_at: Date | null;
}

/** Table `shift_patterns`. */
export interface ShiftPatternsRow {
  id: string;
  org_id: string;
  vehicle_id: string;
  driver_id: string | null;
  weekdays: number[];
  start_local: unknown;
  end_local: unknown;
  breaks: unknown;
  valid_from: string;
  valid_to: string | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

/** Table `shifts`. */
export interface ShiftsRow {
  id: string;
  org_id: string;
  vehicle_id: string;
  driver_id: string | null;
  pattern_id: string | null;
  local_date: string;
  start_local: unknown;
  end_local: unknown;
  start_at: Date;
  end_at: Date;
  breaks: unknown;
  is_override: boolean;
  cancelled: boolean;
  created_at: Date;
  updated_at: Date;
}

/** Table `shop_connections`. */
export interface ShopConnectionsRow {
  id: string;
  org_id: string;
  platform: string;
  shop: string;
  secret: string;
  created_by: string | null;
  created_at: Date;
  last_order_at: Date | null;
}

/** Table `shop_orders`. */
export interface ShopOrdersRow {
  org_id: string;
  platform: string;
  shop_order_id: string;
  order_id: string | null;
  shipping_method: string | null;
  received_at: Date;
}

/** Table `stop_events`. */
export interface StopEventsRow {
  id: string;
  stop_id: string;
  driver_id: string;
  type: string;
  reason: string | null;
  note: string | null;
  recipient_name: string | null;
  device_at: Date;
  received_at: Date;
  seq: string;
  org_id: string | null;
  route_id: string | null;
}

/** Table `stops`. */
export interface StopsRow {
  id: string;
  route_id: string;
  order_id: string | null;
  seq: number;
  kind: string;
  planned_arrival_at: Date | null;
  waiting_s: number;
  planned_departure_at: Date | null;
  locked: boolean;
  status: string;
  actual_arrival_at: Date | null;
  actual_departure_at: Date | null;
  eta_at: Date | null;
  eta_low_at: Date | null;
  eta_high_at: Date | null;
  eta_updated_at: Date | null;
  violations: unknown;
  break_index: number | null;
  actual_arrival_source: string | null;
  code_failures: number;
}

/** Table `tracker_devices`. */
export interface TrackerDevicesRow {
  id: string;
  org_id: string;
  driver_id: string;
  name: string;
  key_hash: string;
  prefix: string;
  created_at: Date;
  last_seen_at: Date | null;
  revoked_at: Date | null;
}

/** Table `tracking_links`. */
export interface TrackingLinksRow {
  id: string;
  org_id: string;
  order_id: string;
  token_hash: string;
  expires_at: Date | null;
  created_at: Date;
  token: string | null;
}

/** Table `unassigned_orders`. */
export interface UnassignedOrdersRow {
  plan_id: string;
  order_id: string;
  reason: string;
}

/** Table `users`. */
export interface UsersRow {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  driver_id: string | null;
  created_at: Date;
  disabled_at: Date | null;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: string | null;
  oidc_subject: string | null;
}

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

/** Table `webhook_deliveries`. */
export interface WebhookDeliveriesRow {
  id: string;
  subscription_id: string;
  event_id: string;
  subject_id: string;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  lease_until: Date | null;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

/** Table `webhook_eta_marks`. */
export interface WebhookEtaMarksRow {
  stop_id: string;
  eta_at: Date;
  sent_at: Date;
}

/** Table `webhook_events`. */
export interface WebhookEventsRow {
  id: string;
  org_id: string;
  type: string;
  subject_id: string;
  occurred_at: Date;
  data: unknown;
}

/** Table `webhook_subscriptions`. */
export interface WebhookSubscriptionsRow {
  id: string;
  org_id: string;
  url: string;
  events: string[];
  secret: string;
  description: string;
  enabled: boolean;
  disabled_reason: string | null;
  failing_since: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}
