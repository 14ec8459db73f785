import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { publishedArticles } from "@/db/schema";
import { db } from "@/server/db";
import { advance, makeUser, writeStory } from "../support/fixtures";

describe("a story's path from draft to the public site", () => {
  it("is in the read model only once published, and leaves it when unpublished", async () => {
    const reporter = await makeUser("reporter");
    const editor = await makeUser("editor");
    const story = await writeStory(reporter);
    const live = async () =>
      (await db())
        .select()
        .from(publishedArticles)
        .where(eq(publishedArticles.articleId, story.id));
    expect(await live()).toHaveLength(0);
    await advance(story.id, [
      { name: "submit", as: reporter },
      { name: "approve", as: editor },
    ]);
    expect(await live()).toHaveLength(0);
    await advance(
      story.id,
      [
        { name: "publish", as: editor },
        { name: "unpublish", as: editor },
      ],
      "approved",
    );
    expect(await live()).toHaveLength(0);
  });
});
