import { describe, expect, it } from "vitest";
import { navSections } from "@/server/reader/queries";
import { createSection } from "@/server/sections/commands/create-section";
import { moveSection } from "@/server/sections/commands/move-section";
import { updateSection } from "@/server/sections/commands/update-section";
import { makeUser, ok } from "../support/fixtures";

/** Editors manage sections at /newsroom/sections; the reader site's navigation follows. */
describe("section management", () => {
  it("lets the desk add, rename, describe and reorder sections, and navigation follows", async () => {
    const editor = await makeUser("editor");
    const before = (await navSections()).map((s) => s.slug);
    const created = ok(
      await createSection.execute(editor.claims, {
        name: "Science & Health",
        description: "Research, medicine and the environment.",
      }),
    ) as { id: string; slug: string };
    expect(created.slug).toBe("science-health");
    expect((await navSections()).map((s) => s.slug)).toEqual([...before, "science-health"]);

    ok(
      await updateSection.execute(editor.claims, {
        id: created.id,
        name: "Science",
        description: "Discoveries.",
      }),
    );
    const renamed = (await navSections()).find((s) => s.id === created.id);
    expect(renamed).toMatchObject({ name: "Science", slug: "science-health" });
    expect(renamed?.description).toBe("Discoveries.");

    ok(await moveSection.execute(editor.claims, { id: created.id, direction: "up" }));
    const order = (await navSections()).map((s) => s.slug);
    expect(order.indexOf("science-health")).toBe(before.length - 1);
    ok(await moveSection.execute(editor.claims, { id: created.id, direction: "down" }));
    expect((await navSections()).map((s) => s.slug).at(-1)).toBe("science-health");
    // Past the end: nothing moves, nothing fails.
    expect(
      ok(await moveSection.execute(editor.claims, { id: created.id, direction: "down" })),
    ).toEqual({ moved: false });
  });

  it("refuses reserved and duplicate addresses with a clear message", async () => {
    const editor = await makeUser("editor");
    for (const slug of ["search", "tags", "authors", "newsroom", "feed.xml", "assets"]) {
      const result = await createSection.execute(editor.claims, { name: "Clash", slug });
      expect(result.ok, slug).toBe(false);
      if (!result.ok) expect(result.error.fields?.slug).toBeTruthy();
    }
    ok(await createSection.execute(editor.claims, { name: "Sport" }));
    const again = await createSection.execute(editor.claims, { name: "Sport" });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe("conflict");
  });

  it("is for the desk only", async () => {
    const reporter = await makeUser("reporter");
    const refused = await createSection.execute(reporter.claims, { name: "Gossip" });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe("forbidden");
    expect(await createSection.execute(null, { name: "Gossip" })).toMatchObject({
      ok: false,
      error: { code: "unauthenticated" },
    });
    expect((await navSections()).map((s) => s.name)).not.toContain("Gossip");
  });
});
