-- No generated statements: this migration changes only what the database enforces on the operation log.
-- hand-written:
-- The retention purge goes through one SECURITY DEFINER function owned by the migration owner (docs/decisions/0007).
-- The application's role gets EXECUTE on it and no UPDATE, DELETE or TRUNCATE on audit_entries
-- (docs/sql/app-role.sql). The guard accepts a DELETE only when both hold: the function's own setting
-- app.audit_purge is on, and the statement runs as the table's owner — which a restricted role only becomes inside
-- this function. UPDATE and TRUNCATE stay refused for everyone; the owner can still switch the trigger off, which is
-- why the chain is also anchored outside the database (audit-anchors.jsonl).
CREATE OR REPLACE FUNCTION audit_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('app.audit_purge', true) = 'on'
     AND current_user = (SELECT pg_get_userbyid(c.relowner) FROM pg_class c WHERE c.oid = TG_RELID) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_entries is append-only (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
-- Deletes the oldest entries: the longest beginning of the chain whose entries are all older than the cutoff, so
-- that what is left is still one unbroken chain. Writes nothing else: the caller records the cut (audit.purged) in
-- the same transaction. Returns no row when nothing is old enough.
CREATE FUNCTION audit_purge(cutoff timestamptz)
  RETURNS TABLE (through_seq bigint, through_hash text, deleted bigint)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
  SET app.audit_purge = 'on'
AS $$
DECLARE
  first_kept bigint;
BEGIN
  -- Queue behind (and hold off) writers of the chain, as every writer does.
  PERFORM 1 FROM audit_head h WHERE h.id = 1 FOR UPDATE;
  SELECT min(e.seq) INTO first_kept FROM audit_entries e WHERE e.at >= cutoff;
  SELECT e.seq, e.hash INTO through_seq, through_hash FROM audit_entries e
    WHERE first_kept IS NULL OR e.seq < first_kept
    ORDER BY e.seq DESC LIMIT 1;
  IF through_seq IS NULL THEN
    RETURN;
  END IF;
  WITH gone AS (DELETE FROM audit_entries e WHERE e.seq <= through_seq RETURNING 1)
  SELECT count(*) INTO deleted FROM gone;
  RETURN NEXT;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_purge(timestamptz) FROM PUBLIC;
