import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { sections } from "@/db/schema";
import { recordEvent } from "../../audit";
import { EVERYTHING } from "../../cache/invalidation";
import { recordReaderChange } from "../../cache/record-change";
import { defineCommand, id } from "../../command";
import { sectionDescription, sectionName } from "../input";

/** Rename or describe a section. Its address stays, so links and feeds keep working. */
export const updateSection = defineCommand({
  name: "updateSection",
  permission: "section.manage",
  input: z.strictObject({ id, name: sectionName, description: sectionDescription }),
  load: async (tx, input) => {
    const [row] = await tx.select().from(sections).where(eq(sections.id, input.id)).for("update");
    return row ?? null;
  },
  async run({ actor, tx, resource }, input) {
    await tx
      .update(sections)
      .set({ name: input.name, description: input.description })
      .where(eq(sections.id, resource.id));
    // The navigation on every reader page lists the sections.
    await recordReaderChange(tx, EVERYTHING);
    await recordEvent(tx, {
      actorId: actor!.id,
      action: "section_updated",
      detail: {
        sectionId: resource.id,
        from: { name: resource.name, description: resource.description },
        to: { name: input.name, description: input.description },
      },
    });
    return { id: resource.id };
  },
});
