import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { recordEvent } from "../../audit";
import { defineCommand, id } from "../../command";
import { AppError } from "../../errors";
import { mayGrant } from "../../policy";
import { assertStillAdmin, bumpSessionVersion, lockUser } from "../staff-guard";

/**
 * An admin lets a deactivated account sign in again. The session version moves on as well,
 * so a cookie issued before the deactivation stays dead: the person signs in afresh.
 */
export const reactivateUser = defineCommand({
  name: "reactivateUser",
  permission: "user.manage",
  input: z.strictObject({ id }),
  async load(tx, input, actor) {
    await assertStillAdmin(tx, actor!);
    return lockUser(tx, input.id);
  },
  async run({ actor, tx, resource: target }) {
    if (!mayGrant(actor!, target.role)) throw new AppError("forbidden", "You may not do that.");
    if (target.active) return { id: target.id, active: true, changed: false };
    await tx
      .update(users)
      .set({ active: true, sessionVersion: bumpSessionVersion, updatedAt: sql`now()` })
      .where(eq(users.id, target.id));
    await recordEvent(tx, {
      actorId: actor!.id,
      action: "user_reactivated",
      note: target.name,
      detail: { userId: target.id },
    });
    return { id: target.id, active: true, changed: true };
  },
});
