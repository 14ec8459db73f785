import "server-only";
import { asc, gt } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { workflowEvents } from "@/db/schema";
import { chainHash } from "./audit-chain";

export type ChainReport = {
  /** Rows checked. */
  rows: number;
  /** Rows written before the chain existed (no hash); allowed only before the first linked row. */
  unlinked: number;
  /** The last row's hash: keep it somewhere else to detect a rewrite of the whole chain. */
  head: string | null;
  broken: { id: number; reason: string } | null;
};

/**
 * Walks the audit trail in id order and recomputes every link. Reports the first row whose
 * stored hash is not what its content and its predecessor give (altered content), whose
 * prev_hash is not its predecessor's hash (a row removed or reordered), or that has no hash
 * after the chain began (written around the application).
 */
export async function verifyAuditChain(db: Executor, batchSize = 1000): Promise<ChainReport> {
  const report: ChainReport = { rows: 0, unlinked: 0, head: null, broken: null };
  let previous = "";
  let started = false;
  let afterId = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(workflowEvents)
      .where(gt(workflowEvents.id, afterId))
      .orderBy(asc(workflowEvents.id))
      .limit(batchSize);
    if (batch.length === 0) break;
    for (const row of batch) {
      report.rows++;
      afterId = row.id;
      if (row.hash === null) {
        if (started) {
          report.broken = { id: row.id, reason: "row has no hash after the chain began" };
          return report;
        }
        report.unlinked++;
        continue;
      }
      started = true;
      if ((row.prevHash ?? "") !== previous) {
        report.broken = {
          id: row.id,
          reason: "prev_hash does not match the previous row (a row was removed or reordered)",
        };
        return report;
      }
      if (chainHash(previous, row) !== row.hash) {
        report.broken = { id: row.id, reason: "content does not match its hash (row altered)" };
        return report;
      }
      previous = row.hash;
      report.head = row.hash;
    }
  }
  return report;
}
