-- The audit trail can only grow: the database itself refuses to change or remove a row,
-- whatever the application (or an operator with the app's credentials) asks.
CREATE OR REPLACE FUNCTION refuse_audit_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit rows are append-only (% on %)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER workflow_events_append_only
  BEFORE UPDATE OR DELETE ON workflow_events
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER workflow_events_no_truncate
  BEFORE TRUNCATE ON workflow_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
-- Revisions are append-only too: a saved word is never overwritten.
CREATE TRIGGER article_revisions_append_only
  BEFORE UPDATE OR DELETE ON article_revisions
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER article_revisions_no_truncate
  BEFORE TRUNCATE ON article_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
