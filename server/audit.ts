import "server-only";
import type { Executor } from "@/db/client";
import { workflowEvents } from "@/db/schema";

export type AuditEntry = {
  articleId?: string | null;
  actorId?: string | null;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string;
  detail?: Record<string, unknown>;
};

/** Appends one row to the audit trail (the table refuses updates and deletes). */
export async function recordEvent(tx: Executor, entry: AuditEntry): Promise<void> {
  await tx.insert(workflowEvents).values({
    articleId: entry.articleId ?? null,
    actorId: entry.actorId ?? null,
    action: entry.action,
    fromStatus: entry.fromStatus ?? null,
    toStatus: entry.toStatus ?? null,
    note: entry.note ?? "",
    detail: entry.detail ?? null,
  });
}
