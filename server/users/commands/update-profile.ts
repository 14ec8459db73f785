import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { stripBidiControls } from "@/lib/text/invisible";
import { cleanText } from "../../articles/input";
import { recordEvent } from "../../audit";
import { authorPageChange } from "../../cache/invalidation";
import { recordReaderChange } from "../../cache/record-change";
import { defineCommand } from "../../command";
import { personName } from "../input";

export const BIO_MAX = 2000;

/**
 * Anyone on the staff edits their own name and bio (shown on their public author page).
 * Whose profile is always the actor's: no id is accepted, so nobody edits anyone else's.
 * The author-page slug stays as it is, so links to it keep working.
 */
export const updateProfile = defineCommand({
  name: "updateProfile",
  permission: "profile.edit",
  input: z.strictObject({
    name: personName,
    bio: cleanText(BIO_MAX, "Bio").transform(stripBidiControls).default(""),
  }),
  async run({ actor, tx }, input) {
    const [before] = await tx
      .select({ name: users.name, bio: users.bio, slug: users.slug })
      .from(users)
      .where(eq(users.id, actor!.id))
      .for("update");
    const changed = (["name", "bio"] as const).filter((k) => before![k] !== input[k]);
    if (changed.length === 0) return { changed: [] as string[] };
    await tx
      .update(users)
      .set({ name: input.name, bio: input.bio, updatedAt: sql`now()` })
      .where(eq(users.id, actor!.id));
    await recordEvent(tx, {
      actorId: actor!.id,
      action: "profile_updated",
      detail: { userId: actor!.id, fields: changed },
    });
    // The author page shows both (bylines on stories keep the name they were published with).
    await recordReaderChange(tx, authorPageChange(before!.slug));
    return { changed: changed as string[] };
  },
});
