import "server-only";
import { count, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { recordEvent } from "../../audit";
import { defineCommand } from "../../command";
import { AppError } from "../../errors";
import { createUserRow } from "../create-user-row";
import { email, newPassword, personName } from "../input";

/**
 * First run: creates the admin while no user exists. Public by necessity, so it takes a
 * table lock and re-checks inside the transaction: two racing requests make one admin.
 */
export const setupAdmin = defineCommand({
  name: "setupAdmin",
  permission: "public",
  input: z.strictObject({ name: personName, email, password: newPassword }),
  async run({ tx }, input) {
    await tx.execute(sql`lock table users in share row exclusive mode`);
    const [existing] = await tx.select({ n: count() }).from(users);
    if (existing!.n > 0)
      throw new AppError("forbidden", "This newsroom is already set up. Sign in instead.");
    const user = await createUserRow(tx, { ...input, role: "admin" });
    await recordEvent(tx, { actorId: user.id, action: "setup_admin", detail: { userId: user.id } });
    return { id: user.id };
  },
});
