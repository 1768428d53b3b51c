-- An order's organisation and depot are checked once per statement, as its import references
-- are since 030, instead of by a foreign-key look-up per row: together they cost about 4 ms
-- per 1,000 rows of an import (the depot's even when NULL), while an import's orders all name
-- the same organisation and a handful of depots. What the foreign keys guaranteed still holds:
-- an order cannot name an organisation or depot that does not exist (checked, the rows named
-- locked FOR KEY SHARE until the orders commit, as a foreign key locks them), and neither can
-- be deleted, nor its id changed, while orders name it (as NO ACTION did; the app only
-- soft-deletes depots and never deletes an organisation).
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_org_id_fkey;
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_depot_id_fkey;

-- The ids named in `ids` that `tbl` has, locked FOR KEY SHARE; refuses the statement if any is missing.
CREATE OR REPLACE FUNCTION orders_refs_exist(tbl text, ids uuid[], what text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  found int;
BEGIN
  IF ids IS NULL THEN
    RETURN;
  END IF;
  EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM %I t WHERE t.id = ANY ($1) FOR KEY SHARE) AS s', tbl)
    INTO found USING ids;
  IF found < cardinality(ids) THEN
    RAISE EXCEPTION 'orders name % that does not exist', what
      USING ERRCODE = 'foreign_key_violation', TABLE = 'orders';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION orders_refs_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  imports uuid[];
  orgs uuid[];
  depots uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.org_id), array_agg(DISTINCT n.depot_id) FILTER (WHERE n.depot_id IS NOT NULL)
      INTO orgs, depots FROM new_rows n;
    SELECT array_agg(DISTINCT r.id) INTO imports
      FROM new_rows n CROSS JOIN LATERAL (VALUES (n.import_id), (n.last_import_id)) AS r(id)
     WHERE r.id IS NOT NULL;
  ELSE
    -- As a foreign key: only references an update changes are checked.
    SELECT array_agg(DISTINCT n.org_id) FILTER (WHERE n.org_id IS DISTINCT FROM o.org_id),
           array_agg(DISTINCT n.depot_id) FILTER (WHERE n.depot_id IS NOT NULL AND n.depot_id IS DISTINCT FROM o.depot_id)
      INTO orgs, depots FROM new_rows n JOIN old_rows o ON o.id = n.id;
    SELECT array_agg(DISTINCT r.id) INTO imports
      FROM new_rows n JOIN old_rows o ON o.id = n.id
           CROSS JOIN LATERAL (VALUES (n.import_id, o.import_id), (n.last_import_id, o.last_import_id)) AS r(id, was)
     WHERE r.id IS NOT NULL AND r.id IS DISTINCT FROM r.was;
  END IF;
  PERFORM orders_refs_exist('organisations', orgs, 'an organisation');
  PERFORM orders_refs_exist('depots', depots, 'a depot');
  PERFORM orders_refs_exist('imports', imports, 'an import');
  RETURN NULL;
END $$;

-- An organisation or depot that orders still name can be neither deleted nor given another id.
CREATE OR REPLACE FUNCTION orders_still_name_it() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'organisations' THEN
    PERFORM 1 FROM orders WHERE org_id = OLD.id LIMIT 1;
  ELSE
    PERFORM 1 FROM orders WHERE depot_id = OLD.id LIMIT 1;
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION '% % is still named by orders', TG_TABLE_NAME, OLD.id
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS orders_import_refs_inserted ON orders;
DROP TRIGGER IF EXISTS orders_import_refs_updated ON orders;
DROP FUNCTION IF EXISTS orders_import_refs_check();
DROP TRIGGER IF EXISTS orders_refs_inserted ON orders;
DROP TRIGGER IF EXISTS orders_refs_updated ON orders;
DROP TRIGGER IF EXISTS organisations_named_by_orders ON organisations;
DROP TRIGGER IF EXISTS depots_named_by_orders ON depots;
CREATE TRIGGER orders_refs_inserted AFTER INSERT ON orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION orders_refs_check();
CREATE TRIGGER orders_refs_updated AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION orders_refs_check();
CREATE TRIGGER organisations_named_by_orders AFTER DELETE OR UPDATE OF id ON organisations
  FOR EACH ROW EXECUTE FUNCTION orders_still_name_it();
CREATE TRIGGER depots_named_by_orders AFTER DELETE OR UPDATE OF id ON depots
  FOR EACH ROW EXECUTE FUNCTION orders_still_name_it();
