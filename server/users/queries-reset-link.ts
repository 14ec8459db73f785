import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { passwordResets, users } from "@/db/schema";
import { db } from "../db";
import { hashResetToken } from "./reset-token";

/**
 * Whether a reset link can still be used, so the page can say so before anyone types a
 * password. Unknown, expired, used and superseded links are all simply "no".
 */
export async function isResetLinkUsable(token: string): Promise<boolean> {
  const tokenHash = hashResetToken(token);
  if (!tokenHash) return false;
  const [row] = await (await db())
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, sql`now()`),
        eq(users.active, true),
      ),
    )
    .limit(1);
  return Boolean(row);
}
