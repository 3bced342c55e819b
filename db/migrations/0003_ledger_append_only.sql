-- Hand-written: the tamper-evident ledger is append-only in the database too (防篡改).
--
-- 1. Triggers, which bind every role including the owner and superusers (short of disabling
--    triggers or session_replication_role = replica, which only the owner or a superuser can
--    do): no UPDATE, DELETE or TRUNCATE of the ledger (except the sequencer setting a leaf's
--    position and seal, once), of the immutable ledgered records (checks, fills, inspection
--    results, registration items), nor DELETE/TRUNCATE of the versioned ones (cylinders,
--    registrations, whose changes are new leaf versions).
-- 2. The role `cylinder_app`: what the platform's services should log in as (a LOGIN role
--    made a member of it; see db/src/ledger/README.md). It owns nothing, so it cannot disable
--    the triggers, and it holds no privilege to change the ledger or the immutable records.
-- Whoever still gets past both (a superuser, the owner) is caught by `npm run verify`.

CREATE FUNCTION ledger.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING
    ERRCODE = 'insufficient_privilege',
    MESSAGE = format('防篡改: %s on %I.%I is refused (append-only ledger)', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME),
    HINT = 'Ledgered records are evidence: store a new record (or a new version) instead.';
END $$;
--> statement-breakpoint
CREATE FUNCTION ledger.leaf_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- the sequencer sets position and seal, once, and nothing else
  IF TG_OP = 'UPDATE' AND OLD.leaf_index IS NULL AND OLD.seal IS NULL
     AND NEW.leaf_index IS NOT NULL AND NEW.seal IS NOT NULL
     AND (NEW.id, NEW.record_schema, NEW.record_table, NEW.record_id, NEW.record_version, NEW.format,
          NEW.leaf_hash, NEW.content, NEW.appended_at)
     IS NOT DISTINCT FROM
         (OLD.id, OLD.record_schema, OLD.record_table, OLD.record_id, OLD.record_version, OLD.format,
          OLD.leaf_hash, OLD.content, OLD.appended_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION USING
    ERRCODE = 'insufficient_privilege',
    MESSAGE = format('防篡改: %s on ledger.leaf is refused (append-only ledger)', TG_OP);
END $$;
--> statement-breakpoint
CREATE TRIGGER leaf_append_only BEFORE UPDATE OR DELETE ON ledger.leaf
  FOR EACH ROW EXECUTE FUNCTION ledger.leaf_guard();
--> statement-breakpoint
-- New leaves arrive unsequenced; only the sequencer places them. Checked once per statement
-- (a row trigger would cost the upload path ~5 µs a leaf).
CREATE FUNCTION ledger.leaf_guard_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_leaves WHERE leaf_index IS NOT NULL OR seal IS NOT NULL) THEN
    RAISE EXCEPTION USING
      ERRCODE = 'insufficient_privilege',
      MESSAGE = '防篡改: a new leaf cannot come with a position or a seal (append-only ledger)';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER leaf_append_only_insert AFTER INSERT ON ledger.leaf
  REFERENCING NEW TABLE AS new_leaves
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.leaf_guard_insert();
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ledger.node', 'ledger.tree_head', 'trace.before_fill_check', 'trace.fill_record',
                           'trace.after_fill_check', 'trace.inspection_result', 'registry.registration_item']
  LOOP
    EXECUTE format('CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON %s
                    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_change()', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['registry.registration', 'registry.cylinder']
  LOOP
    EXECUTE format('CREATE TRIGGER append_only BEFORE DELETE ON %s
                    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_change()', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['ledger.leaf', 'ledger.node', 'ledger.tree_head', 'trace.before_fill_check',
                           'trace.fill_record', 'trace.after_fill_check', 'trace.inspection_result',
                           'registry.registration_item', 'registry.registration', 'registry.cylinder']
  LOOP
    EXECUTE format('CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON %s
                    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change()', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Roles are cluster-wide: several databases (and concurrent migrations) share this one.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cylinder_app') THEN
    CREATE ROLE cylinder_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA registry, trace, prefecture, ledger TO cylinder_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA registry, trace, prefecture TO cylinder_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA registry, trace, prefecture, ledger TO cylinder_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE ON trace.before_fill_check, trace.fill_record, trace.after_fill_check,
  trace.inspection_result, registry.registration_item FROM cylinder_app;
--> statement-breakpoint
REVOKE DELETE ON registry.registration, registry.cylinder FROM cylinder_app;
--> statement-breakpoint
GRANT SELECT ON ALL TABLES IN SCHEMA ledger TO cylinder_app;
--> statement-breakpoint
GRANT INSERT (record_schema, record_table, record_id, record_version, format, leaf_hash, content)
  ON ledger.leaf TO cylinder_app;
--> statement-breakpoint
GRANT UPDATE (leaf_index, seal) ON ledger.leaf TO cylinder_app;
--> statement-breakpoint
GRANT INSERT ON ledger.node, ledger.tree_head TO cylinder_app;
--> statement-breakpoint
-- tables added by later migrations (run by the owner) are the application's to use by default;
-- a later ledgered table must revoke UPDATE/DELETE in its own migration, as above
ALTER DEFAULT PRIVILEGES IN SCHEMA registry, trace, prefecture
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO cylinder_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA registry, trace, prefecture
  GRANT USAGE, SELECT ON SEQUENCES TO cylinder_app;
