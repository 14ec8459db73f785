import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { sections } from "@/db/schema";
import { slugify } from "@/lib/slug";
import { recordEvent } from "../../audit";
import { EVERYTHING } from "../../cache/invalidation";
import { recordReaderChange } from "../../cache/record-change";
import { defineCommand } from "../../command";
import { AppError } from "../../errors";
import { sectionDescription, sectionName, sectionSlug } from "../input";

/** An editor adds a section; it joins the navigation at the end. */
export const createSection = defineCommand({
  name: "createSection",
  permission: "section.manage",
  input: z.strictObject({
    name: sectionName,
    /** Optional: derived from the name when left empty. Fixed once created (URLs stay put). */
    slug: z.string().optional(),
    description: sectionDescription,
  }),
  async run({ actor, tx }, input) {
    const parsedSlug = sectionSlug.safeParse(
      input.slug?.trim() ? input.slug : slugify(input.name, 40),
    );
    if (!parsedSlug.success) {
      throw new AppError("invalid", "Please correct the highlighted fields.", {
        fields: { slug: parsedSlug.error.issues[0]?.message ?? "Choose another address." },
      });
    }
    const slug = parsedSlug.data;
    // Serialise section changes so two editors adding at once get distinct positions.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('sections'))`);
    const taken = await tx
      .select({ id: sections.id })
      .from(sections)
      .where(sql`${sections.slug} = ${slug}`);
    if (taken.length > 0) {
      throw new AppError("conflict", "A section with that address already exists.", {
        fields: { slug: "A section with that address already exists." },
      });
    }
    const [last] = await tx
      .select({ max: sql<number | null>`max(${sections.position})` })
      .from(sections);
    const [row] = await tx
      .insert(sections)
      .values({
        slug,
        name: input.name,
        description: input.description,
        position: (last?.max ?? -1) + 1,
      })
      .returning({ id: sections.id, slug: sections.slug });
    // The navigation on every reader page lists the sections.
    await recordReaderChange(tx, EVERYTHING);
    await recordEvent(tx, {
      actorId: actor!.id,
      action: "section_created",
      detail: { sectionId: row!.id, slug, name: input.name },
    });
    return row!;
  },
});
