-- Multi-trip (issue 19): the geofence arrival of tracking_ingest (005) looks for the next pending
-- visit past reloads at the depot, as it does past breaks: a pending reload (no order) no longer
-- hides the customer after it; a pickup stop is reached at the order's pickup place, not at its
-- delivery address. Otherwise unchanged.
CREATE OR REPLACE FUNCTION tracking_ingest(
  p_client uuid[], p_org uuid[], p_driver uuid[], p_route uuid[], p_at timestamptz[],
  p_lon float8[], p_lat float8[], p_accuracy real[], p_speed real[], p_heading real[], p_geofence_m float8)
RETURNS TABLE (r_kind text, r_id text, r_at timestamptz)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY
  WITH p AS (
    SELECT * FROM unnest(p_client, p_org, p_driver, p_route, p_at, p_lon, p_lat, p_accuracy, p_speed, p_heading)
      AS x(client_id, org_id, driver_id, route_id, device_at, lon, lat, accuracy_m, speed_mps, heading)),
  ins AS (
    INSERT INTO positions (client_id, org_id, driver_id, route_id, device_at, location, accuracy_m, speed_mps, heading)
    SELECT p.client_id, p.org_id, p.driver_id, p.route_id, p.device_at,
           ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)::geography, p.accuracy_m, p.speed_mps, p.heading FROM p
    ON CONFLICT (client_id) DO NOTHING
    RETURNING positions.client_id, positions.driver_id, positions.device_at),
  newest AS (
    SELECT DISTINCT ON (p.driver_id) p.* FROM p JOIN ins ON ins.client_id = p.client_id
     ORDER BY p.driver_id, p.device_at DESC),
  up AS (
    INSERT INTO latest_positions AS l (driver_id, org_id, route_id, device_at, location, accuracy_m, speed_mps, heading)
    SELECT n.driver_id, n.org_id, n.route_id, n.device_at, ST_SetSRID(ST_MakePoint(n.lon, n.lat), 4326)::geography,
           n.accuracy_m, n.speed_mps, n.heading FROM newest n ORDER BY n.driver_id
    ON CONFLICT (driver_id) DO UPDATE SET org_id = EXCLUDED.org_id, route_id = EXCLUDED.route_id,
      device_at = EXCLUDED.device_at, location = EXCLUDED.location, accuracy_m = EXCLUDED.accuracy_m,
      speed_mps = EXCLUDED.speed_mps, heading = EXCLUDED.heading
    WHERE l.device_at < EXCLUDED.device_at
    RETURNING l.driver_id, l.device_at),
  -- Geofence fallback: a new fix (the newest of the call) within p_geofence_m of the next pending
  -- visit (breaks and reloads at the depot are none) sets its actual arrival, unless one is known
  -- (a stop event always replaces it).
  geo AS (
    UPDATE stops s SET actual_arrival_at = n.device_at, actual_arrival_source = 'geofence'
      FROM newest n, orders o
     WHERE n.route_id IS NOT NULL AND s.route_id = n.route_id AND o.id = s.order_id
       AND s.status = 'pending' AND s.actual_arrival_at IS NULL
       AND s.seq = (SELECT min(x.seq) FROM stops x WHERE x.route_id = n.route_id AND x.status = 'pending' AND x.kind NOT IN ('break', 'reload'))
       AND ST_DWithin(CASE WHEN s.kind = 'pickup' THEN o.pickup_location ELSE o.location END, ST_SetSRID(ST_MakePoint(n.lon, n.lat), 4326)::geography, p_geofence_m)
    RETURNING s.id)
  SELECT 'd'::text, p.client_id::text, NULL::timestamptz FROM p
   WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.client_id = p.client_id)
  UNION ALL SELECT 'm'::text, up.driver_id::text, up.device_at FROM up;
END
$$;
