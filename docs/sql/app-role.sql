-- The restricted PostgreSQL role the platform runs as in production (docs/decisions/0007-audit-anchor-and-app-role.md).
--
-- Run as the role that owns the platform's tables, i.e. the one that runs `npm run db:migrate`
-- (MIGRATION_DATABASE_URL), in the platform's database, after the migrations:
--   psql "$MIGRATION_DATABASE_URL" -v ON_ERROR_STOP=1 -f docs/sql/app-role.sql
--   psql "$MIGRATION_DATABASE_URL" -c '\password hbts_app'
-- then start the server with DATABASE_URL=postgres://hbts_app:…@host/db and MIGRATION_DATABASE_URL set to the
-- owner's URL (start-up migrations run through it). Running this file again is harmless.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hbts_app') THEN
    -- No superuser, no CREATEDB/CREATEROLE, no BYPASSRLS; it owns nothing, so it can neither alter nor drop a
    -- table nor switch a trigger off.
    CREATE ROLE hbts_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
  END IF;
END
$$;

-- Reads and writes of the business tables.
GRANT USAGE ON SCHEMA public TO hbts_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO hbts_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO hbts_app;
-- Tables and sequences that later migrations (run by this same owner) add get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hbts_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO hbts_app;

-- The operation log (SPEC §2 操作日志) is append-only for the application: it reads and appends entries, moves the
-- chain's head, and deletes old entries only through audit_purge(), which removes nothing younger than the cutoff
-- and nothing but the oldest entries.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM hbts_app;
REVOKE DELETE, TRUNCATE ON audit_head FROM hbts_app;
-- The sequencer gives a pending entry its place in the chain (docs/decisions/0021-audit-sequencer.md): UPDATE of
-- these three columns only, and the guard lets it through once per entry, with every other field unchanged.
GRANT UPDATE (seq, prev_hash, hash) ON audit_entries TO hbts_app;
GRANT EXECUTE ON FUNCTION audit_purge(timestamptz) TO hbts_app;

-- The application never creates objects. PostgreSQL 15 and later give no one but the owner CREATE on schema public;
-- on an older server also run: REVOKE CREATE ON SCHEMA public FROM PUBLIC;
