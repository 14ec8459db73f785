import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { media, users } from "@/db/schema";
import { recordEvent } from "../../audit";
import { authorPageChange } from "../../cache/invalidation";
import { recordReaderChange } from "../../cache/record-change";
import { defineCommand } from "../../command";
import { AppError } from "../../errors";

/**
 * Anyone on the staff chooses (or removes, with null) the picture on their own author page.
 * Like the featured image, it comes from the shared media library, so the server has already
 * checked, stripped and re-encoded it. Whose avatar is always the actor's: no user id is taken.
 */
export const setAvatar = defineCommand({
  name: "setAvatar",
  permission: "profile.edit",
  input: z.strictObject({ mediaId: z.uuid("Choose an image from the library.").nullable() }),
  async run({ actor, tx }, { mediaId }) {
    if (mediaId) {
      const [image] = await tx.select({ id: media.id }).from(media).where(eq(media.id, mediaId));
      if (!image) throw new AppError("invalid", "That image is not in the media library.");
    }
    const [before] = await tx
      .select({ avatar: users.avatarMediaId, slug: users.slug })
      .from(users)
      .where(eq(users.id, actor!.id))
      .for("update");
    if ((before!.avatar ?? null) === mediaId) return { changed: false };
    await tx
      .update(users)
      .set({ avatarMediaId: mediaId, updatedAt: sql`now()` })
      .where(eq(users.id, actor!.id));
    await recordEvent(tx, {
      actorId: actor!.id,
      action: "profile_updated",
      detail: { userId: actor!.id, fields: ["avatar"] },
    });
    // The author page shows the picture: drop it from the caches, as story changes do.
    await recordReaderChange(tx, authorPageChange(before!.slug));
    return { changed: true };
  },
});
