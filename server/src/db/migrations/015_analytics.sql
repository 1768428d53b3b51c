-- Analytics (server/src/analytics/): the summary reads each route's fixes and messages by route.
CREATE INDEX IF NOT EXISTS positions_route_at_idx ON positions (route_id, device_at) WHERE route_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS notifications_route_idx ON notifications (route_id) WHERE route_id IS NOT NULL;
