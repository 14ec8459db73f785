import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { recordEvent } from "../../audit";
import { defineCommand, id } from "../../command";
import { AppError } from "../../errors";
import { mayGrant } from "../../policy";
import {
  assertNotLastAdmin,
  assertStillAdmin,
  bumpSessionVersion,
  lockAdminSet,
  lockUser,
} from "../staff-guard";

/**
 * An admin deactivates an account: it can no longer sign in, and every live session of it
 * ends on its next request. The last active admin cannot deactivate themself.
 */
export const deactivateUser = defineCommand({
  name: "deactivateUser",
  permission: "user.manage",
  input: z.strictObject({ id }),
  async load(tx, input, actor) {
    await lockAdminSet(tx);
    await assertStillAdmin(tx, actor!);
    return lockUser(tx, input.id);
  },
  async run({ actor, tx, resource: target }) {
    if (!mayGrant(actor!, target.role)) throw new AppError("forbidden", "You may not do that.");
    if (!target.active) return { id: target.id, active: false, changed: false };
    await assertNotLastAdmin(tx, target, "deactivate your own account");
    await tx
      .update(users)
      .set({ active: false, sessionVersion: bumpSessionVersion, updatedAt: sql`now()` })
      .where(eq(users.id, target.id));
    await recordEvent(tx, {
      actorId: actor!.id,
      action: "user_deactivated",
      note: target.name,
      detail: { userId: target.id },
    });
    return { id: target.id, active: false, changed: true };
  },
});
