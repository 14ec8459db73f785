import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "@/db/schema";
import { defineCommand } from "../command";

/** Marks some (or all) of the actor's own notifications read; others' ids match nothing. */
export const markNotificationsRead = defineCommand({
  name: "markNotificationsRead",
  permission: "profile.edit",
  input: z.strictObject({ ids: z.array(z.uuid()).max(500).optional() }),
  async run({ actor, tx }, input) {
    const mine = and(eq(notifications.userId, actor!.id), isNull(notifications.readAt));
    const rows = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(input.ids ? and(mine, inArray(notifications.id, input.ids)) : mine)
      .returning({ id: notifications.id });
    return { marked: rows.length };
  },
});
