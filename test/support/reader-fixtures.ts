import { eq, sql } from "drizzle-orm";
import { corrections, publishedArticles } from "@/db/schema";
import type { DocJSON } from "@/lib/content/types";
import { createArticle } from "@/server/articles/commands/create-article";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import type { Command } from "@/server/command";
import { db } from "@/server/db";
import { advance, ok, sectionId, type TestUser } from "./fixtures";
import { publishStagedStories } from "./staged-stories";

/** Helpers for the reader-site suites (test/integration/reader-*.test.ts). */

export type StorySpec = {
  headline: string;
  standfirst?: string;
  paragraphs: string[];
  section?: string;
  dateline?: string;
  source?: string;
};

const body = (paragraphs: string[]): DocJSON => ({
  type: "doc",
  content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});

export async function draftStory(reporter: TestUser, spec: StorySpec) {
  return ok(
    await createArticle.execute(reporter.claims, {
      headline: spec.headline,
      standfirst: spec.standfirst ?? "",
      dateline: spec.dateline ?? "LONDON (Agency)",
      source: spec.source ?? "Test desk",
      sectionId: await sectionId(spec.section ?? "politics"),
      body: body(spec.paragraphs),
    }),
  ) as { id: string };
}

/** Writes a story and takes it through review to the public site. */
export async function publishedStory(reporter: TestUser, editor: TestUser, spec: StorySpec) {
  const story = await draftStory(reporter, spec);
  await advance(story.id, [
    { name: "submit", as: reporter },
    { name: "approve", as: editor },
    { name: "publish", as: editor },
  ]);
  return story;
}

/** A story left at `status` on its way through the desk. */
export async function storyIn(
  status: "draft" | "in_review" | "approved" | "unpublished",
  reporter: TestUser,
  editor: TestUser,
  spec: StorySpec,
) {
  const story = await draftStory(reporter, spec);
  const steps = {
    draft: [],
    in_review: [{ name: "submit" as const, as: reporter }],
    approved: [
      { name: "submit" as const, as: reporter },
      { name: "approve" as const, as: editor },
    ],
    unpublished: [
      { name: "submit" as const, as: reporter },
      { name: "approve" as const, as: editor },
      { name: "publish" as const, as: editor },
      { name: "unpublish" as const, as: editor },
    ],
  }[status];
  await advance(story.id, steps);
  return story;
}

/** The schedule transition, where the workflow has one (issue 3). */
export function scheduleCommand(): Command | undefined {
  return (TRANSITION_COMMANDS as Record<string, Command | undefined>).schedule;
}

/** The live copy's slug and section path, as readers reach it. */
export async function liveRow(articleId: string) {
  const [row] = await (await db())
    .select()
    .from(publishedArticles)
    .where(eq(publishedArticles.articleId, articleId));
  return row;
}

/** Sets a live story's tags in the read model (publishing fills them once tags exist). */
export async function setLiveTags(articleId: string, tags: { slug: string; name: string }[]) {
  await (await db())
    .update(publishedArticles)
    .set({ tags })
    .where(eq(publishedArticles.articleId, articleId));
}

/** A correction on a story, as publishing an update with a correction note writes it. */
export async function addCorrection(articleId: string, by: TestUser, note: string) {
  const row = await liveRow(articleId);
  const revisionId = row?.revisionId;
  if (!revisionId) throw new Error("story is not live");
  await (await db()).insert(corrections).values({
    articleId,
    revisionId,
    kind: "correction",
    note,
    createdBy: by.id,
  });
}

/** Puts a featured image on a live story's read-model row (publishing writes the same shape). */
export async function setLiveImage(articleId: string, caption = "The new deck at dawn.") {
  const mediaId = "7f1c2b9a-0000-4000-8000-000000000001";
  await (await db())
    .update(publishedArticles)
    .set({
      featuredImage: {
        mediaId,
        alt: "A bridge over a river",
        caption,
        credit: "Photo: Ledger staff",
        width: 1600,
        height: 900,
        variants: [
          { width: 480, format: "webp", src: `/media/${mediaId}/480.webp` },
          { width: 960, format: "webp", src: `/media/${mediaId}/960.webp` },
          { width: 1200, format: "jpg", src: `/media/${mediaId}/1200.jpg` },
        ],
      },
    })
    .where(eq(publishedArticles.articleId, articleId));
}

/** Sets a live story's publication time in the read model (as if it went live then). */
export async function setLivePublishedAt(articleId: string, publishedAt: Date) {
  await (await db())
    .update(publishedArticles)
    .set({ publishedAt })
    .where(eq(publishedArticles.articleId, articleId));
}

/**
 * `count` live stories written straight into the tables publishing writes, by set-based SQL
 * (as bench/support/search-corpus.ts does): for suites that need more stories than the desk
 * can publish in a test's time. `{n}` in the headline or body becomes the story's number;
 * story n is dated `minutesApart` × (n + 1) minutes before `before`, so 0 is the newest.
 */
export async function bulkLiveStories(
  author: TestUser,
  count: number,
  spec: { headline: string; body: string; before: Date; minutesApart?: number },
) {
  const section = await sectionId();
  const apart = spec.minutesApart ?? 1;
  await (await db()).transaction(async (tx) => {
    await tx.execute(sql`
      create temp table staged_stories on commit drop as
      select s.*, 'bulk-' || s.aid as slug from (
        select gen_random_uuid() as aid, gen_random_uuid() as rid,
          replace(${spec.headline}, '{n}', g::text) as headline, '' as standfirst,
          replace(${spec.body}, '{n}', g::text) as body_text,
          ${spec.before.toISOString()}::timestamptz - make_interval(mins => (g + 1) * ${apart}) as at
        from generate_series(0, ${count - 1}) as g) as s`);
    await publishStagedStories(tx, {
      author: { id: author.id, name: "Bulk Reporter", slug: "bulk-reporter" },
      sectionId: section,
      source: "Test desk",
      wordCount: 10,
    });
  });
}
