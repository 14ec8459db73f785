import { createHash } from "node:crypto";

/**
 * The audit trail's hash chain (THREATS.md row 42). Each row's hash covers the previous
 * row's hash and the row's own content, so changing, removing or reordering a row breaks
 * every link after it. Pure functions: the writer (server/audit.ts) and the verifier
 * (server/audit-verify.ts) must agree byte for byte.
 */

/** The fields a row's hash covers: everything but the id and the hashes themselves. */
export type ChainedRow = {
  articleId: string | null;
  actorId: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
  detail: unknown;
  createdAt: Date;
};

/** JSON with object keys sorted at every level, so jsonb's own key order does not matter. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function canonicalRow(row: ChainedRow): string {
  return canonicalJson([
    row.articleId,
    row.actorId,
    row.action,
    row.fromStatus,
    row.toStatus,
    row.note,
    row.detail ?? null,
    row.createdAt.toISOString(),
  ]);
}

/** sha256(previous hash ‖ newline ‖ canonical row), hex. The first row's previous is "". */
export function chainHash(prevHash: string, row: ChainedRow): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalRow(row)).digest("hex");
}

/**
 * One advisory-lock key for the whole table: appends take it for the rest of their
 * transaction, so concurrent transactions (and instances) extend one chain in commit order.
 */
export const AUDIT_CHAIN_LOCK = 7_146_373_101;
