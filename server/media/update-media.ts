import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { media } from "@/db/schema";
import { defineCommand, id } from "../command";
import { mediaDetails } from "./details-input";
import { toMediaItem } from "./media-item";

/**
 * Changes a library image's alt text, caption and credit: the defaults offered the next time
 * it is picked. Stories that already use the image keep their own copy in the figure node.
 * Any member of staff may correct them (a newsroom fixes each other's captions).
 */
export const updateMediaDetails = defineCommand({
  name: "updateMediaDetails",
  permission: "article.create",
  input: z.strictObject({ id, ...mediaDetails }),
  load: async (tx, input) => {
    const [row] = await tx.select().from(media).where(eq(media.id, input.id)).for("update");
    return row ?? null;
  },
  async run({ tx }, input) {
    const [row] = await tx
      .update(media)
      .set({ alt: input.alt, caption: input.caption, credit: input.credit })
      .where(eq(media.id, input.id))
      .returning();
    return toMediaItem(row!);
  },
});
