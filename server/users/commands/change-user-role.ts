import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { recordEvent } from "../../audit";
import { defineCommand, id } from "../../command";
import { AppError } from "../../errors";
import { mayGrant } from "../../policy";
import { role } from "../input";
import {
  assertNotLastAdmin,
  assertStillAdmin,
  bumpSessionVersion,
  lockAdminSet,
  lockUser,
} from "../staff-guard";

/**
 * An admin changes someone's role. Nobody grants a role above their own, nor touches someone
 * ranked above them; the last active admin cannot step down. The user's sessions end.
 */
export const changeUserRole = defineCommand({
  name: "changeUserRole",
  permission: "user.manage",
  input: z.strictObject({ id, role }),
  async load(tx, input, actor) {
    await lockAdminSet(tx);
    await assertStillAdmin(tx, actor!);
    return lockUser(tx, input.id);
  },
  async run({ actor, tx, resource: target }, input) {
    if (!mayGrant(actor!, input.role) || !mayGrant(actor!, target.role)) {
      throw new AppError("forbidden", "You may not grant that role.");
    }
    if (target.role === input.role) return { id: target.id, role: target.role, changed: false };
    await assertNotLastAdmin(tx, target, "give up the admin role");
    await tx
      .update(users)
      .set({ role: input.role, sessionVersion: bumpSessionVersion, updatedAt: sql`now()` })
      .where(eq(users.id, target.id));
    await recordEvent(tx, {
      actorId: actor!.id,
      action: "user_role_changed",
      note: `${target.name}: ${target.role} → ${input.role}`,
      detail: { userId: target.id, from: target.role, to: input.role },
    });
    return { id: target.id, role: input.role, changed: true };
  },
});
