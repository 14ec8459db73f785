import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { sections } from "@/db/schema";
import { recordEvent } from "../../audit";
import { EVERYTHING } from "../../cache/invalidation";
import { recordReaderChange } from "../../cache/record-change";
import { defineCommand, id } from "../../command";
import { notFound } from "../../errors";

/**
 * Moves a section one place up or down in the navigation. Positions are rewritten 0…n-1
 * under a lock, so concurrent moves and gaps or ties left by older data cannot tangle them.
 */
export const moveSection = defineCommand({
  name: "moveSection",
  permission: "section.manage",
  input: z.strictObject({ id, direction: z.enum(["up", "down"]) }),
  async run({ actor, tx }, input) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('sections'))`);
    const ordered = await tx
      .select({ id: sections.id, position: sections.position })
      .from(sections)
      .orderBy(asc(sections.position), asc(sections.name))
      .for("update");
    const from = ordered.findIndex((s) => s.id === input.id);
    if (from === -1) throw notFound();
    const to = input.direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= ordered.length) return { moved: false };
    const [moving] = ordered.splice(from, 1);
    ordered.splice(to, 0, moving!);
    for (const [position, section] of ordered.entries()) {
      if (section.position !== position) {
        await tx.update(sections).set({ position }).where(eq(sections.id, section.id));
      }
    }
    // The navigation on every reader page lists the sections.
    await recordReaderChange(tx, EVERYTHING);
    await recordEvent(tx, {
      actorId: actor!.id,
      action: "section_moved",
      detail: { sectionId: input.id, from, to },
    });
    return { moved: true };
  },
});
