import { beforeAll, describe, expect, it } from "vitest";
import { articlePath } from "@/lib/reader/paths";
import {
  allCorrections,
  liveStoryBySlug,
  storyCorrections,
  wasUnpublished,
} from "@/server/reader/article";
import { sectionFeed, siteFeed } from "@/server/reader/feeds";
import { articlePage } from "@/server/reader/pages/article";
import {
  authorWithStories,
  latestStories,
  moreInSection,
  sectionBySlug,
  sectionRails,
  sectionStories,
  tagStories,
} from "@/server/reader/queries";
import { newsSitemapXml, sitemapXml } from "@/server/reader/sitemaps";
import { makeUser, type TestUser } from "../support/fixtures";
import {
  addCorrection,
  draftStory,
  liveRow,
  publishedStory,
  scheduleCommand,
  setLiveTags,
  storyIn,
} from "../support/reader-fixtures";

/**
 * Reader queries show live stories and nothing else (DESIGN.md invariant 4, issue 3's
 * embargo and unpublish): every surface is checked for a live story and for stories in
 * every other state.
 */
let reporter: TestUser;
let editor: TestUser;
let live: { id: string; slug: string; path: string };
const hidden: Record<string, { id: string; headline: string }> = {};

async function everySurface(): Promise<string> {
  const politics = (await sectionBySlug("politics"))!;
  const parts = [
    JSON.stringify(await latestStories(100)),
    JSON.stringify(await sectionRails(100)),
    JSON.stringify(await sectionStories(politics.id, 1, 100)),
    await siteFeed(),
    (await sectionFeed("politics")) ?? "",
    await sitemapXml(),
    await newsSitemapXml(),
    JSON.stringify(await allCorrections(1, 100)),
  ];
  return parts.join("\n");
}

beforeAll(async () => {
  reporter = await makeUser("reporter", "Rhea Reporter");
  editor = await makeUser("editor", "Ed Desk");
  const story = await publishedStory(reporter, editor, {
    headline: "Live story about the harbour",
    standfirst: "It is on the site.",
    paragraphs: ["Readers can see this one."],
  });
  const row = await liveRow(story.id);
  live = { id: story.id, slug: row!.slug, path: articlePath("politics", row!.slug) };
  for (const status of ["draft", "in_review", "approved", "unpublished"] as const) {
    const headline = `Embargoed ${status} headline`;
    const s = await storyIn(status, reporter, editor, {
      headline,
      paragraphs: ["Not for readers yet."],
    });
    hidden[status] = { id: s.id, headline };
  }
  const schedule = scheduleCommand();
  if (schedule) {
    const headline = "Embargoed scheduled headline";
    const s = await storyIn("approved", reporter, editor, { headline, paragraphs: ["Later."] });
    const result = await schedule.execute(editor.claims, {
      id: s.id,
      fromStatus: "approved",
      publishAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    hidden.scheduled = { id: s.id, headline };
  }
});

describe("reader surfaces list live stories only", () => {
  it("shows the live story on every surface", async () => {
    const all = await everySurface();
    expect(all).toContain("Live story about the harbour");
    expect(all).toContain(live.path);
    expect(await liveStoryBySlug(live.slug)).toMatchObject({ articleId: live.id });
  });

  it("shows no story that is draft, in review, approved, scheduled or unpublished", async () => {
    const all = await everySurface();
    expect(Object.keys(hidden).length).toBeGreaterThanOrEqual(4);
    for (const { headline } of Object.values(hidden)) expect(all).not.toContain(headline);
  });

  it("answers 410 Gone for an unpublished story and 404 for one never published", async () => {
    const gone = (await liveRow(hidden.unpublished!.id)) ?? null;
    expect(gone).toBeNull();
    const unpublished = await draftSlug(hidden.unpublished!.headline);
    expect(await wasUnpublished(unpublished)).toBe(true);
    expect((await articlePage("politics", unpublished)).status).toBe(410);
    const draft = await draftSlug(hidden.draft!.headline);
    expect(await wasUnpublished(draft)).toBe(false);
    expect((await articlePage("politics", draft)).status).toBe(404);
    expect((await articlePage("politics", "no-such-story")).status).toBe(404);
  });

  it("serves the live story, and redirects a wrong section to the right one", async () => {
    const ok = await articlePage("politics", live.slug);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toMatch(/public/);
    const html = await ok.text();
    expect(html).toContain("Live story about the harbour");
    expect(html).not.toContain("Embargoed");
    const moved = await articlePage("world", live.slug);
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe(live.path);
  });

  it("gives 'More in' the section's other live stories only", async () => {
    const other = await publishedStory(reporter, editor, {
      headline: "Another politics story",
      paragraphs: ["More."],
    });
    const politics = (await sectionBySlug("politics"))!;
    const more = await moreInSection(politics.id, live.id);
    expect(more.map((s) => s.articleId)).toContain(other.id);
    expect(more.map((s) => s.articleId)).not.toContain(live.id);
    for (const { id } of Object.values(hidden)) {
      expect(more.map((s) => s.articleId)).not.toContain(id);
    }
  });
});

describe("authors, tags and corrections", () => {
  it("has an author page for someone with a live story, without private fields", async () => {
    const found = await authorWithStories((await liveRow(live.id))!.byline[0]!.slug, 1, 20);
    expect(found?.author.name).toBe("Rhea Reporter");
    expect(Object.keys(found!.author).sort()).toEqual(["avatar", "bio", "id", "name", "slug"]);
    expect(found!.items.map((s) => s.articleId)).toContain(live.id);
    expect(JSON.stringify(found)).not.toContain("Embargoed");
  });

  it("has no author page for staff with no live story", async () => {
    const quiet = await makeUser("reporter", "Quiet Reporter");
    await draftStory(quiet, { headline: "Only a draft", paragraphs: ["Draft."] });
    expect(await authorWithStories("quiet-reporter", 1, 20)).toBeNull();
  });

  it("lists a tag's live stories under the tag's name", async () => {
    await setLiveTags(live.id, [{ slug: "harbour-works", name: "Harbour works" }]);
    const tagged = await tagStories("harbour-works", 1, 20);
    expect(tagged.tag).toEqual({ slug: "harbour-works", name: "Harbour works" });
    expect(tagged.items.map((s) => s.articleId)).toEqual([live.id]);
    expect((await tagStories("no-such-tag", 1, 20)).tag).toBeNull();
  });

  it("shows corrections of live stories, and drops them when a story is taken down", async () => {
    await addCorrection(live.id, editor, "An earlier version misspelt the harbour master's name.");
    expect((await storyCorrections(live.id)).map((c) => c.note)).toEqual([
      "An earlier version misspelt the harbour master's name.",
    ]);
    const doomed = await publishedStory(reporter, editor, {
      headline: "Story that will be killed",
      paragraphs: ["Soon gone."],
    });
    await addCorrection(doomed.id, editor, "Correction on a story that is later unpublished.");
    const { advance } = await import("../support/fixtures");
    await advance(doomed.id, [{ name: "unpublish", as: editor }], "published");
    const listed = (await allCorrections(1, 100)).items.map((c) => c.note);
    expect(listed).toContain("An earlier version misspelt the harbour master's name.");
    expect(listed).not.toContain("Correction on a story that is later unpublished.");
  });
});

async function draftSlug(headline: string): Promise<string> {
  const { db } = await import("@/server/db");
  const { articles, articleRevisions } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  const [row] = await (await db())
    .select({ slug: articles.slug })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.workingRevisionId))
    .where(eq(articleRevisions.headline, headline));
  return row!.slug;
}
