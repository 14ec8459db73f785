import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { recordEvent } from "../../audit";
import { hashPassword, PASSWORD_MAX, verifyPassword } from "../../auth/password";
import { defineCommand } from "../../command";
import { AppError } from "../../errors";
import { newPassword } from "../input";
import { bumpSessionVersion } from "../staff-guard";

/**
 * Anyone on the staff changes their own password after re-entering the current one (a
 * borrowed, still-open session is not enough). Every session of the user ends, this one
 * included: they sign in again with the new password.
 */
export const changePassword = defineCommand({
  name: "changePassword",
  permission: "profile.edit",
  input: z.strictObject({
    currentPassword: z.string({ message: "Enter your current password." }).max(PASSWORD_MAX * 4),
    newPassword,
  }),
  async run({ actor, tx }, input) {
    const [row] = await tx
      .select({ hash: users.passwordHash })
      .from(users)
      .where(eq(users.id, actor!.id))
      .for("update");
    if (!(await verifyPassword(row?.hash ?? null, input.currentPassword))) {
      throw new AppError("invalid", "Your current password is not right.", {
        fields: { currentPassword: "That is not your current password." },
      });
    }
    if (input.newPassword === input.currentPassword) {
      throw new AppError("invalid", "Choose a new password that differs from the current one.", {
        fields: { newPassword: "Choose a password that differs from the current one." },
      });
    }
    await tx
      .update(users)
      .set({
        passwordHash: await hashPassword(input.newPassword),
        sessionVersion: bumpSessionVersion,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, actor!.id));
    await recordEvent(tx, {
      actorId: actor!.id,
      action: "password_changed",
      detail: { userId: actor!.id },
    });
    return { done: true };
  },
});
