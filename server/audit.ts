import "server-only";
import { desc, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Executor, Transaction } from "@/db/client";
import { workflowEvents } from "@/db/schema";
import { AUDIT_CHAIN_LOCK, chainHash } from "./audit-chain";

export type AuditEntry = {
  articleId?: string | null;
  actorId?: string | null;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string;
  detail?: Record<string, unknown>;
};

/**
 * Appends one row to the audit trail (the table refuses updates and deletes) and links it
 * into the hash chain. The chain lock is held until the surrounding transaction ends, so
 * the previous row read here is the one committed last, whatever else runs at once.
 */
export async function recordEvent(executor: Executor, entry: AuditEntry): Promise<void> {
  if (executor instanceof PgTransaction) {
    await append(executor as Transaction, entry);
    return;
  }
  // A transaction-scoped lock outside a transaction would be released at once.
  await executor.transaction((tx) => append(tx, entry));
}

async function append(tx: Transaction, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ hash: workflowEvents.hash })
    .from(workflowEvents)
    .orderBy(desc(workflowEvents.id))
    .limit(1);
  const prevHash = last?.hash ?? "";
  const row = {
    articleId: entry.articleId ?? null,
    actorId: entry.actorId ?? null,
    action: entry.action,
    fromStatus: entry.fromStatus ?? null,
    toStatus: entry.toStatus ?? null,
    note: entry.note ?? "",
    detail: entry.detail ?? null,
    // Set here rather than by the column default, so the hashed value is the stored one.
    createdAt: new Date(),
  };
  await tx.insert(workflowEvents).values({ ...row, prevHash, hash: chainHash(prevHash, row) });
}
