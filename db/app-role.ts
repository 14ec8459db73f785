import type postgres from "postgres";

/** Tables the app may only read and add to: the audit trail and every saved revision. */
export const APPEND_ONLY_TABLES = ["workflow_events", "article_revisions"] as const;

/**
 * Gives the role the app runs as what it needs and no more, when that role is not the one
 * that owns the schema (DATABASE_OWNER_URL): read and write the newsroom's tables, but only
 * SELECT and INSERT on the append-only ones. The append-only triggers already refuse UPDATE,
 * DELETE and TRUNCATE, but a table's owner can disable a trigger; a role without the
 * privilege cannot, so a stolen app password cannot rewrite the audit trail (THREATS 42).
 * Run after every migration, so tables added later are covered too.
 */
export async function grantAppRole(owner: postgres.Sql, role: string): Promise<void> {
  await owner`grant usage on schema public to ${owner(role)}`;
  await owner`grant select, insert, update, delete on all tables in schema public to ${owner(role)}`;
  await owner`grant usage, select on all sequences in schema public to ${owner(role)}`;
  for (const table of APPEND_ONLY_TABLES) {
    await owner`revoke update, delete, truncate on ${owner(table)} from ${owner(role)}`;
  }
}
