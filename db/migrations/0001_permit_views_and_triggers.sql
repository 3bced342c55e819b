-- Hand-written: what drizzle-kit does not generate.

-- updated_at follows every UPDATE, including raw SQL ones, so "changes since lasttime" lists
-- and the sync see every change. New tables with updated_at need the trigger added too.
CREATE FUNCTION public.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
--> statement-breakpoint
DO $$
DECLARE t record;
BEGIN
  FOR t IN
    SELECT c.table_schema, c.table_name
    FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
    WHERE c.column_name = 'updated_at' AND tb.table_type = 'BASE TABLE'
      AND c.table_schema IN ('registry', 'trace', 'prefecture')
  LOOP
    EXECUTE format(
      'CREATE TRIGGER touch_updated_at BEFORE UPDATE ON %I.%I FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at()',
      t.table_schema, t.table_name);
  END LOOP;
END $$;
--> statement-breakpoint
-- The fill-permit read contract v1 (see db/src/schema/registry.ts): the only registry data the
-- trace subgraph reads directly. Add a _v2 beside these rather than change them.
CREATE VIEW registry.cylinder_permit_v1 AS
  SELECT barcode, kind, state, owner_unit_id, prefecture_code, medium,
         product_date, next_date, discard_date, life_period, fill_weight
  FROM registry.cylinder;
--> statement-breakpoint
CREATE VIEW registry.unit_permit_v1 AS
  SELECT id, kind, prefecture_code, licensed_media, license_expires_on
  FROM registry.unit;
--> statement-breakpoint
CREATE VIEW registry.fill_permission_v1 AS
  SELECT filling_unit_id, owner_unit_id, barcode, valid_from, valid_to
  FROM registry.fill_permission
  WHERE revoked_at IS NULL;
