import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { passwordResets } from "@/db/schema";
import { recordEvent } from "../../audit";
import { defineCommand, id } from "../../command";
import { AppError } from "../../errors";
import { mayGrant } from "../../policy";
import { hashResetToken, newResetToken, RESET_TTL_MS } from "../reset-token";
import { assertStillAdmin, lockUser } from "../staff-guard";

/**
 * An admin issues a one-time password-reset link for a member of staff. The token is shown
 * to the admin once and never stored: only its SHA-256 is. Any earlier unused link for the
 * same person stops working, so at most one is ever live.
 */
export const createPasswordReset = defineCommand({
  name: "createPasswordReset",
  permission: "user.manage",
  input: z.strictObject({ id }),
  async load(tx, input, actor) {
    await assertStillAdmin(tx, actor!);
    return lockUser(tx, input.id);
  },
  async run({ actor, tx, resource: target }) {
    if (!mayGrant(actor!, target.role)) throw new AppError("forbidden", "You may not do that.");
    if (!target.active) {
      throw new AppError("conflict", "This account is deactivated. Reactivate it first.");
    }
    await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.userId, target.id), isNull(passwordResets.usedAt)));
    const token = newResetToken();
    const expiresAt = new Date(Date.now() + RESET_TTL_MS);
    const [row] = await tx
      .insert(passwordResets)
      .values({
        userId: target.id,
        tokenHash: hashResetToken(token)!,
        createdBy: actor!.id,
        expiresAt,
      })
      .returning({ id: passwordResets.id });
    await recordEvent(tx, {
      actorId: actor!.id,
      action: "password_reset_created",
      note: target.name,
      detail: { userId: target.id, resetId: row!.id, expiresAt: expiresAt.toISOString() },
    });
    return { token, expiresAt: expiresAt.toISOString() };
  },
});
