import "server-only";
import { asc } from "drizzle-orm";
import { users, workflowEvents } from "@/db/schema";
import { db } from "../db";
import { type Actor, can } from "../policy";

export type AuditFilterOptions = { actions: string[]; staff: { id: string; name: string }[] };

/** What the audit view's selects offer: the actions on record and every member of staff. */
export async function auditFilterOptions(actor: Actor): Promise<AuditFilterOptions | null> {
  if (!can(actor, "user.manage")) return null;
  const database = await db();
  const actions = await database
    .selectDistinct({ action: workflowEvents.action })
    .from(workflowEvents)
    .orderBy(asc(workflowEvents.action));
  const staff = await database
    .select({ id: users.id, name: users.name })
    .from(users)
    .orderBy(asc(users.name));
  return { actions: actions.map((a) => a.action), staff };
}
