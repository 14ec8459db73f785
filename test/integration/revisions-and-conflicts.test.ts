import { asc, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { articleRevisions, articles, workflowEvents } from "@/db/schema";
import { validateDoc } from "@/lib/content/validate";
import { createArticle } from "@/server/articles/commands/create-article";
import { saveArticle } from "@/server/articles/commands/save-article";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import { db } from "@/server/db";
import {
  doc,
  eventsOf,
  liveCopy,
  makeUser,
  ok,
  sectionId,
  storyAt,
  storyState,
  type TestUser,
  workingRevision,
  writeStory,
} from "../support/fixtures";

/** THREATS 6, 33, 42 and DESIGN invariants 4–5: revisions, versions, conflicts, the audit. */

let reporter: TestUser;
let editor: TestUser;
let section: string;

beforeAll(async () => {
  reporter = await makeUser("reporter");
  editor = await makeUser("editor");
  section = await sectionId();
});

const edit = (id: string, baseVersion: number, headline: string, ...paragraphs: string[]) => ({
  id,
  baseVersion,
  headline,
  standfirst: "Standfirst.",
  dateline: "LONDON",
  source: "Desk",
  sectionId: section,
  body: doc(...(paragraphs.length ? paragraphs : [`Body of ${headline}.`])),
});

async function revisionsOf(articleId: string) {
  return (await db())
    .select()
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(asc(articleRevisions.number));
}

describe("revisions and versions", () => {
  it("each save appends a revision with the next number and bumps the version", async () => {
    const story = await writeStory(reporter, "First headline");
    expect(story.version).toBe(1);

    const second = ok(
      await saveArticle.execute(reporter.claims, {
        ...edit(story.id, 1, "Second headline"),
        kind: "autosave",
      }),
    );
    const third = ok(await saveArticle.execute(editor.claims, edit(story.id, 2, "Third headline")));

    expect(second).toMatchObject({ version: 2, unchanged: false });
    expect(third).toMatchObject({ version: 3, unchanged: false });
    const revisions = await revisionsOf(story.id);
    expect(revisions.map((r) => [r.number, r.headline, r.kind, r.createdBy])).toEqual([
      [1, "First headline", "manual", reporter.id],
      [2, "Second headline", "autosave", reporter.id],
      [3, "Third headline", "manual", editor.id],
    ]);
    const state = await storyState(story.id);
    expect(state.version).toBe(3);
    expect(state.workingRevisionId).toBe(revisions[2]!.id);
    expect(state.workingRevisionId).toBe(third.revisionId);
    expect((await workingRevision(story.id)).bodyText).toBe("Body of Third headline.");
  });

  it("an unchanged save writes no revision and keeps the version", async () => {
    const story = await writeStory(reporter);
    const input = edit(story.id, 1, "Same every time", "Unchanged text.");
    ok(await saveArticle.execute(reporter.claims, input));
    const before = await storyState(story.id);

    const again = ok(await saveArticle.execute(reporter.claims, { ...input, baseVersion: 2 }));

    expect(again).toMatchObject({ version: 2, unchanged: true });
    expect(await storyState(story.id)).toEqual(before);
    expect(before.revisions).toBe(2);
  });

  it("a save based on a stale version is a conflict carrying the server copy, and writes nothing", async () => {
    const story = await writeStory(reporter);
    // The editor saves first, from version 1.
    ok(
      await saveArticle.execute(
        editor.claims,
        edit(story.id, 1, "Editor's headline", "Editor's text."),
      ),
    );
    const before = await storyState(story.id);

    // The reporter, still on version 1, saves their own text.
    const result = await saveArticle.execute(
      reporter.claims,
      edit(story.id, 1, "Reporter's headline", "Reporter's text."),
    );

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("conflict");
    expect(result.error.message).toMatch(/someone else saved/i);
    const serverBody = validateDoc(doc("Editor's text."));
    expect(result.error.detail).toMatchObject({
      version: 2,
      headline: "Editor's headline",
      standfirst: "Standfirst.",
      sectionId: section,
      body: serverBody.ok ? serverBody.doc : null,
    });
    expect(await storyState(story.id)).toEqual(before);
    expect((await workingRevision(story.id)).headline).toBe("Editor's headline");
    expect((await revisionsOf(story.id)).map((r) => r.headline)).not.toContain(
      "Reporter's headline",
    );
  });

  it("a baseVersion ahead of the server is a conflict too", async () => {
    const story = await writeStory(reporter);
    const before = await storyState(story.id);
    const result = await saveArticle.execute(reporter.claims, edit(story.id, 7, "From the future"));
    expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await storyState(story.id)).toEqual(before);
  });

  it("two saves from the same base version at once: exactly one wins", async () => {
    const story = await writeStory(reporter);
    const before = await storyState(story.id);

    const results = await Promise.all([
      saveArticle.execute(reporter.claims, edit(story.id, 1, "Reporter wins?")),
      saveArticle.execute(editor.claims, edit(story.id, 1, "Editor wins?")),
    ]);

    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]).toMatchObject({ ok: false, error: { code: "conflict" } });
    const after = await storyState(story.id);
    expect(after.version).toBe(2);
    expect(after.revisions).toBe(before.revisions + 1);
    const winnerHeadline = results[0]!.ok ? "Reporter wins?" : "Editor wins?";
    expect((await workingRevision(story.id)).headline).toBe(winnerHeadline);
  });

  it("ten saves racing from the same version: one revision, one version step", async () => {
    const story = await writeStory(reporter);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        saveArticle.execute(
          i % 2 ? editor.claims : reporter.claims,
          edit(story.id, 1, `Racer ${i}`),
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(
      Array(9).fill("conflict"),
    );
    const after = await storyState(story.id);
    expect(after).toMatchObject({ version: 2, revisions: 2 });
  });
});

describe("append-only history", () => {
  it("revisions cannot be updated or deleted, even with raw SQL", async () => {
    const story = await writeStory(reporter, "Kept forever");
    const database = await db();
    const before = await revisionsOf(story.id);

    await expect(
      database.execute(
        sql`update article_revisions set headline = 'Rewritten history' where article_id = ${story.id}`,
      ),
    ).rejects.toThrow();
    await expect(
      database.execute(sql`delete from article_revisions where article_id = ${story.id}`),
    ).rejects.toThrow();

    expect(await revisionsOf(story.id)).toEqual(before);
  });

  it("audit rows cannot be updated, deleted or truncated, even with raw SQL", async () => {
    const story = await storyAt("in_review", reporter, editor);
    const database = await db();
    const before = await eventsOf(story.id);
    expect(before.length).toBeGreaterThanOrEqual(2);
    const [total] = await database.select({ n: count() }).from(workflowEvents);

    await expect(
      database.execute(
        sql`update workflow_events set action = 'nothing', actor_id = null where article_id = ${story.id}`,
      ),
    ).rejects.toThrow();
    await expect(
      database.execute(sql`delete from workflow_events where article_id = ${story.id}`),
    ).rejects.toThrow();
    await expect(database.execute(sql`truncate workflow_events`)).rejects.toThrow();

    expect(await eventsOf(story.id)).toEqual(before);
    const [after] = await database.select({ n: count() }).from(workflowEvents);
    expect(after!.n).toBe(total!.n);
  });
});

describe("mass assignment", () => {
  const EXTRA_FIELDS: [string, unknown][] = [
    ["status", "published"],
    ["authorId", "123e4567-e89b-12d3-a456-426614174000"],
    ["authorIds", ["123e4567-e89b-12d3-a456-426614174000"]],
    ["publishedAt", "2020-01-01T00:00:00Z"],
    ["firstPublishedAt", "2020-01-01T00:00:00Z"],
    ["createdBy", "123e4567-e89b-12d3-a456-426614174000"],
    ["version", 99],
    ["slug", "chosen-slug"],
    ["publishedRevisionId", "123e4567-e89b-12d3-a456-426614174000"],
  ];

  it.each(EXTRA_FIELDS)(
    "a save carrying %s is invalid and stores nothing",
    async (field, value) => {
      const story = await writeStory(reporter);
      const before = await storyState(story.id);

      const result = await saveArticle.execute(reporter.claims, {
        ...edit(story.id, 1, "Sneaky save"),
        [field]: value,
      });

      expect(result).toMatchObject({ ok: false, error: { code: "invalid" } });
      expect(await storyState(story.id)).toEqual(before);
      expect(before.status).toBe("draft");
    },
  );

  it("a create carrying status: published and someone else's authorship creates nothing", async () => {
    const database = await db();
    const [before] = await database.select({ n: count() }).from(articles);

    const result = await createArticle.execute(reporter.claims, {
      headline: "Straight to the front page",
      sectionId: section,
      body: doc("Text."),
      status: "published",
      authorId: editor.id,
      publishedAt: new Date().toISOString(),
    });

    expect(result).toMatchObject({ ok: false, error: { code: "invalid" } });
    const [after] = await database.select({ n: count() }).from(articles);
    expect(after!.n).toBe(before!.n);
    const [revision] = await database
      .select()
      .from(articleRevisions)
      .where(eq(articleRevisions.headline, "Straight to the front page"));
    expect(revision).toBeUndefined();
  });
});

describe("a published story's working copy", () => {
  it("editing a published story leaves the public copy (and its URL) alone until the update is published", async () => {
    const story = await storyAt("published", reporter, editor);
    const live = await liveCopy(story.id);
    const before = await storyState(story.id);
    expect(live).toBeDefined();

    const saved = ok(
      await saveArticle.execute(
        editor.claims,
        edit(story.id, before.version!, "A new headline for the live story", "Corrected text."),
      ),
    );

    const during = await storyState(story.id);
    expect(await liveCopy(story.id)).toEqual(live);
    expect(during.status).toBe("published");
    expect(during.publishedRevisionId).toBe(before.publishedRevisionId);
    expect(during.workingRevisionId).toBe(saved.revisionId);
    expect(during.slug).toBe(before.slug);

    ok(
      await TRANSITION_COMMANDS.publishUpdate.execute(editor.claims, {
        id: story.id,
        fromStatus: "published",
      }),
    );
    const updated = await liveCopy(story.id);
    expect(updated?.headline).toBe("A new headline for the live story");
    expect(updated?.bodyText).toBe("Corrected text.");
    expect(updated?.revisionId).toBe(saved.revisionId);
    expect(updated?.slug).toBe(live!.slug);
    expect(updated?.publishedAt).toEqual(live!.publishedAt);
  });

  it("a reporter cannot save their own story while it is in review", async () => {
    const story = await storyAt("in_review", reporter, editor);
    const before = await storyState(story.id);
    const result = await saveArticle.execute(
      reporter.claims,
      edit(story.id, before.version!, "Sneaked in during review"),
    );
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await storyState(story.id)).toEqual(before);
  });
});
