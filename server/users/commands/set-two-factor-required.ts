import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { settings } from "@/db/schema";
import { recordEvent } from "../../audit";
import { TWO_FACTOR_REQUIRED_KEY } from "../../auth/two-factor-setting";
import { defineCommand } from "../../command";

/**
 * An admin requires two-factor for everyone: from their next request, staff without it are
 * sent to set it up and can do nothing else until they have.
 */
export const setTwoFactorRequired = defineCommand({
  name: "setTwoFactorRequired",
  permission: "user.manage",
  input: z.strictObject({ required: z.boolean({ message: "Choose on or off." }) }),
  async run({ actor, tx }, input) {
    const value = input.required ? "true" : "false";
    await tx
      .insert(settings)
      .values({ key: TWO_FACTOR_REQUIRED_KEY, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
    await recordEvent(tx, {
      actorId: actor!.id,
      action: "two_factor_requirement_changed",
      detail: { required: input.required },
    });
    return { required: input.required };
  },
});
