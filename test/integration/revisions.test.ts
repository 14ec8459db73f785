import crypto from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { articleRevisions, articles } from "@/db/schema";
import { docToText } from "@/lib/content/text";
import {
  collapseUnchanged,
  type DiffLookups,
  diffBodyText,
  diffRevisions,
  type RevisionSnapshot,
} from "@/lib/diff/revisions";
import { restoreRevision } from "@/server/articles/commands/restore-revision";
import { saveArticle } from "@/server/articles/commands/save-article";
import { previewPage } from "@/server/articles/preview-page";
import { getStoryPreview } from "@/server/articles/queries/preview";
import {
  compareRevisions,
  getRevision,
  getRevisionHistory,
  revisionNumber,
} from "@/server/articles/queries/revisions";
import { loadActor } from "@/server/auth/actor";
import { db } from "@/server/db";
import type { Actor } from "@/server/policy";
import {
  advance,
  doc,
  eventsOf,
  liveCopy,
  makeUser,
  ok,
  sectionId,
  storyState,
  type TestUser,
  workingRevision,
  writeStory,
} from "../support/fixtures";

/** Issue 4, item 7: revision history, readable diffs, restore as a new revision. */

// ---------------------------------------------------------------------------------------
// The diff itself, on hand-made revisions: no database.

const SECTION_A = crypto.randomUUID();
const SECTION_B = crypto.randomUUID();
const ANN = crypto.randomUUID();
const BEA = crypto.randomUUID();
const TAG_X = crypto.randomUUID();
const TAG_Y = crypto.randomUUID();

const lookups: DiffLookups = {
  sections: new Map([
    [SECTION_A, "Politics"],
    [SECTION_B, "Business"],
  ]),
  people: new Map([
    [ANN, "Ann Author"],
    [BEA, "Bea Byline"],
  ]),
  tags: new Map([
    [TAG_X, "Housing"],
    [TAG_Y, "Elections"],
  ]),
};

const snapshot = (over: Partial<RevisionSnapshot> = {}): RevisionSnapshot => ({
  headline: "Council approves housing plan",
  standfirst: "Four hundred homes.",
  dateline: "LONDON",
  source: "Council minutes",
  sectionId: SECTION_A,
  bodyText: "The council voted to approve the plan.\n\nResidents applauded.",
  authorIds: [ANN],
  tagIds: [TAG_X],
  ...over,
});

const textOf = (segments: { kind: string; text: string }[], kind: string) =>
  segments
    .filter((s) => s.kind === kind)
    .map((s) => s.text.trim())
    .join(" | ");

describe("diffRevisions (lib/diff)", () => {
  it("finds a word added to the body, and nothing else", () => {
    const a = snapshot();
    const b = snapshot({
      bodyText: "The council voted unanimously to approve the plan.\n\nResidents applauded.",
    });
    const diff = diffRevisions(a, b, lookups);
    expect(diff.fields).toEqual([]);
    expect(textOf(diff.body, "added")).toBe("unanimously");
    expect(textOf(diff.body, "removed")).toBe("");
    expect(diff).toMatchObject({ wordsAdded: 1, wordsRemoved: 0, identical: false });
    // Nothing is lost or invented: the kept and added text rebuilds the new body (modulo spaces).
    const rebuilt = diff.body
      .filter((s) => s.kind !== "removed")
      .map((s) => s.text)
      .join("");
    expect(rebuilt.replace(/\s+/g, " ")).toBe(b.bodyText.replace(/\s+/g, " "));
  });

  it("finds words removed from the body", () => {
    const a = snapshot();
    const b = snapshot({ bodyText: "The council voted to approve the plan." });
    const diff = diffRevisions(a, b, lookups);
    expect(textOf(diff.body, "removed")).toBe("Residents applauded.");
    expect(textOf(diff.body, "added")).toBe("");
    expect(diff.wordsRemoved).toBe(2);
    const rebuiltOld = diff.body
      .filter((s) => s.kind !== "added")
      .map((s) => s.text)
      .join("");
    expect(rebuiltOld.replace(/\s+/g, " ")).toBe(a.bodyText.replace(/\s+/g, " "));
  });

  it("shows a replaced word as one removed and one added", () => {
    const diff = diffBodyText("The vote was close.", "The vote was narrow.");
    expect(diff).toEqual([
      { kind: "same", text: "The vote was " },
      { kind: "removed", text: "close" },
      { kind: "added", text: "narrow" },
      { kind: "same", text: "." },
    ]);
  });

  it("names a changed headline with its old and new text", () => {
    const diff = diffRevisions(snapshot(), snapshot({ headline: "Council rejects plan" }), lookups);
    expect(diff.fields).toEqual([
      {
        kind: "text",
        field: "headline",
        label: "Headline",
        before: "Council approves housing plan",
        after: "Council rejects plan",
      },
    ]);
    expect(diff.body.every((s) => s.kind === "same")).toBe(true);
    expect(diff.identical).toBe(false);
  });

  it("names bylines, section and tags by name, never by id", () => {
    const a = snapshot();
    const b = snapshot({ authorIds: [ANN, BEA], sectionId: SECTION_B, tagIds: [TAG_Y] });
    const diff = diffRevisions(a, b, lookups);
    expect(diff.fields).toEqual([
      { kind: "text", field: "section", label: "Section", before: "Politics", after: "Business" },
      {
        kind: "list",
        field: "bylines",
        label: "Bylines",
        before: ["Ann Author"],
        after: ["Ann Author", "Bea Byline"],
        added: ["Bea Byline"],
        removed: [],
      },
      {
        kind: "list",
        field: "tags",
        label: "Tags",
        before: ["Housing"],
        after: ["Elections"],
        added: ["Elections"],
        removed: ["Housing"],
      },
    ]);
    const shown = JSON.stringify(diff.fields);
    for (const id of [SECTION_A, SECTION_B, ANN, BEA, TAG_X, TAG_Y])
      expect(shown).not.toContain(id);
  });

  it("notices a byline reordered, and shows an unknown id as unknown rather than the id", () => {
    const stranger = crypto.randomUUID();
    const diff = diffRevisions(
      snapshot({ authorIds: [ANN, BEA] }),
      snapshot({ authorIds: [BEA, ANN, stranger] }),
      lookups,
    );
    expect(diff.fields).toHaveLength(1);
    expect(diff.fields[0]).toMatchObject({
      field: "bylines",
      after: ["Bea Byline", "Ann Author", "(unknown)"],
      added: ["(unknown)"],
      removed: [],
    });
    expect(JSON.stringify(diff)).not.toContain(stranger);
  });

  it("lists standfirst, dateline, source, SEO and featured image changes", () => {
    const diff = diffRevisions(
      snapshot({ featuredMediaId: null }),
      snapshot({
        standfirst: "Five hundred homes.",
        dateline: "PARIS",
        source: "",
        seoTitle: "Housing plan approved",
        featuredMediaId: crypto.randomUUID(),
      }),
      lookups,
    );
    expect(diff.fields.map((f) => f.label)).toEqual([
      "Standfirst",
      "Dateline",
      "Source",
      "SEO title",
      "Featured image",
    ]);
    expect(diff.fields.find((f) => f.field === "source")).toMatchObject({
      before: "Council minutes",
      after: "",
    });
    expect(diff.fields.at(-1)).toEqual({
      kind: "note",
      field: "featuredImage",
      label: "Featured image",
      text: "added",
    });
  });

  it("reports identical revisions as no changes at all", () => {
    const diff = diffRevisions(snapshot(), snapshot(), lookups);
    expect(diff).toMatchObject({
      fields: [],
      wordsAdded: 0,
      wordsRemoved: 0,
      identical: true,
      formattingOnly: false,
    });
    expect(diff.body).toEqual([{ kind: "same", text: snapshot().bodyText }]);
  });

  it("says when only formatting changed (same words, different document)", () => {
    const plain = doc("The council voted.");
    const bold = {
      type: "doc" as const,
      content: [
        {
          type: "paragraph",
          content: [{ type: "text", text: "The council voted.", marks: [{ type: "bold" }] }],
        },
      ],
    };
    const diff = diffRevisions(
      snapshot({ body: plain, bodyText: docToText(plain) }),
      snapshot({ body: bold, bodyText: docToText(bold) }),
      lookups,
    );
    expect(diff).toMatchObject({ formattingOnly: true, identical: false, wordsAdded: 0 });
  });

  it("diffs right-to-left and other non-Latin text word by word", () => {
    // Arabic: "the minister said the plan will be carried out" → "budget" replaces "plan".
    const arabic = diffBodyText(
      "قال الوزير إن الخطة ستنفذ هذا العام",
      "قال الوزير إن الميزانية ستنفذ هذا العام",
    );
    expect(textOf(arabic, "removed")).toBe("الخطة");
    expect(textOf(arabic, "added")).toBe("الميزانية");
    expect(textOf(arabic, "same")).toContain("قال الوزير إن");
    expect(textOf(arabic, "same")).toContain("ستنفذ هذا العام");

    // Hebrew, with a word added.
    const hebrew = diffBodyText("הממשלה אישרה את התוכנית", "הממשלה אישרה היום את התוכנית");
    expect(textOf(hebrew, "added")).toBe("היום");
    expect(textOf(hebrew, "removed")).toBe("");

    // Accents, combining marks and emoji survive intact.
    const mixed = diffRevisions(
      snapshot({ headline: "Café naïve 🎉", bodyText: "Zoë went to the café 🎉 today." }),
      snapshot({ headline: "Café naïve 🎊", bodyText: "Zoë went to the crêperie 🎉 today." }),
      lookups,
    );
    expect(mixed.fields[0]).toMatchObject({ before: "Café naïve 🎉", after: "Café naïve 🎊" });
    expect(textOf(mixed.body, "removed")).toBe("café");
    expect(textOf(mixed.body, "added")).toBe("crêperie");
  });

  it("shortens long unchanged stretches around a change, keeping context", () => {
    const words = Array.from({ length: 500 }, (_, i) => `w${i}`);
    const before = words.join(" ");
    const after = [...words.slice(0, 250), "INSERTED", ...words.slice(250)].join(" ");
    const shown = collapseUnchanged(diffBodyText(before, after), 10);
    const skipped = shown.filter((s) => s.kind === "skipped");
    expect(skipped).toHaveLength(2);
    expect(shown.find((s) => s.kind === "added")).toMatchObject({ text: "INSERTED " });
    const keptWords = shown
      .filter((s) => s.kind === "same")
      .flatMap((s) => ("text" in s ? s.text.trim().split(/\s+/) : []));
    expect(keptWords).toHaveLength(20);
    const skippedWords = skipped.reduce((n, s) => n + ("words" in s ? s.words : 0), 0);
    expect(skippedWords + keptWords.length).toBe(500);
  });

  it("parses revision numbers from URLs strictly", () => {
    expect(revisionNumber("3")).toBe(3);
    for (const bad of ["0", "-1", "1.5", "01", "abc", "", "99999999999", undefined]) {
      expect(revisionNumber(bad)).toBeNull();
    }
  });
});

// ---------------------------------------------------------------------------------------
// Restoring, on a real database.

let reporter: TestUser;
let otherReporter: TestUser;
let editor: TestUser;
let section: string;

beforeAll(async () => {
  reporter = await makeUser("reporter", "Rita Restore");
  otherReporter = await makeUser("reporter", "Otto Other");
  editor = await makeUser("editor", "Edna Editor");
  section = await sectionId();
});

async function actorOf(user: TestUser): Promise<Actor> {
  return (await loadActor(await db(), user.claims))!;
}

const edit = (id: string, baseVersion: number, headline: string, ...paragraphs: string[]) => ({
  id,
  baseVersion,
  headline,
  standfirst: `Standfirst of ${headline}.`,
  dateline: "LONDON",
  source: "Desk",
  sectionId: section,
  body: doc(...paragraphs),
});

async function revisionsOf(articleId: string) {
  return (await db())
    .select()
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(asc(articleRevisions.number));
}

const CONTENT = [
  "headline",
  "standfirst",
  "dateline",
  "source",
  "sectionId",
  "body",
  "bodyText",
  "wordCount",
  "seoTitle",
  "seoDescription",
  "featuredMediaId",
] as const;
const contentOf = (r: Record<(typeof CONTENT)[number], unknown>) =>
  Object.fromEntries(CONTENT.map((k) => [k, r[k]]));

/** A story with three revisions: the created one, then two saves with different text. */
async function storyWithHistory(author: TestUser) {
  const story = await writeStory(author, `History ${crypto.randomUUID().slice(0, 8)}`);
  ok(await saveArticle.execute(author.claims, edit(story.id, 1, "Second take", "Second text.")));
  ok(await saveArticle.execute(author.claims, edit(story.id, 2, "Third take", "Third text.")));
  return { id: story.id, revisions: await revisionsOf(story.id) };
}

describe("restoreRevision", () => {
  it("appends a new revision equal in content to the chosen one, bumps the version and audits it", async () => {
    const { id, revisions } = await storyWithHistory(reporter);
    const first = revisions[0]!;
    const before = await storyState(id);
    expect(before.version).toBe(3);

    const result = ok(
      await restoreRevision.execute(reporter.claims, { id, revisionId: first.id, baseVersion: 3 }),
    );

    expect(result).toMatchObject({ version: 4, number: 4 });
    const after = await revisionsOf(id);
    expect(after).toHaveLength(4);
    // History is untouched: the first three revisions are exactly as they were.
    expect(after.slice(0, 3)).toEqual(revisions);
    const restored = after[3]!;
    expect(restored).toMatchObject({ kind: "restore", number: 4, createdBy: reporter.id });
    expect(restored.id).toBe(result.revisionId);
    expect(contentOf(restored)).toEqual(contentOf(first));

    const state = await storyState(id);
    expect(state.version).toBe(4);
    expect(state.workingRevisionId).toBe(restored.id);
    expect(state.status).toBe("draft");
    expect((await workingRevision(id)).bodyText).toBe(first.bodyText);

    const audit = (await eventsOf(id)).at(-1)!;
    expect(audit).toMatchObject({ action: "revision_restored", actorId: reporter.id });
    expect(audit.detail).toMatchObject({
      restoredRevisionId: first.id,
      restoredNumber: 1,
      revisionId: restored.id,
      number: 4,
    });

    // The history page shows it as the current revision, a restore, newest first.
    const history = (await getRevisionHistory(await actorOf(reporter), id))!;
    expect(history.revisions.map((r) => [r.number, r.kind, r.current])).toEqual([
      [4, "restore", true],
      [3, "manual", false],
      [2, "manual", false],
      [1, "manual", false],
    ]);
    expect(history.story).toMatchObject({ version: 4, currentNumber: 4, canRestore: true });
  });

  it("carries over the fields beyond the text (SEO, featured image) of the chosen revision", async () => {
    const story = await writeStory(reporter);
    const database = await db();
    // A revision as the metadata editor will write it (inserting is allowed; changing is not).
    const [withSeo] = await database
      .insert(articleRevisions)
      .values({
        articleId: story.id,
        number: 2,
        kind: "manual",
        headline: "With SEO",
        sectionId: section,
        body: doc("SEO body."),
        bodyText: "SEO body.",
        wordCount: 2,
        seoTitle: "Search title",
        seoDescription: "Search description",
        createdBy: reporter.id,
      })
      .returning();
    await database
      .update(articles)
      .set({ workingRevisionId: withSeo!.id, version: sql`${articles.version} + 1` })
      .where(eq(articles.id, story.id));
    ok(await saveArticle.execute(reporter.claims, edit(story.id, 2, "Plain", "Plain body.")));

    const result = ok(
      await restoreRevision.execute(reporter.claims, {
        id: story.id,
        revisionId: withSeo!.id,
        baseVersion: 3,
      }),
    );

    const restored = await workingRevision(story.id);
    expect(restored.id).toBe(result.revisionId);
    expect(contentOf(restored)).toEqual(contentOf(withSeo!));
  });

  it("refuses a stale baseVersion as a conflict and changes nothing", async () => {
    const { id, revisions } = await storyWithHistory(reporter);
    const before = await storyState(id);

    const result = await restoreRevision.execute(reporter.claims, {
      id,
      revisionId: revisions[0]!.id,
      baseVersion: 2,
    });

    expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await storyState(id)).toEqual(before);
    expect(await revisionsOf(id)).toEqual(revisions);
  });

  it("two restores from the same version: exactly one wins", async () => {
    const { id, revisions } = await storyWithHistory(reporter);
    const results = await Promise.all(
      [revisions[0]!, revisions[1]!].map((r) =>
        restoreRevision.execute(editor.claims, { id, revisionId: r.id, baseVersion: 3 }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === "conflict")).toHaveLength(1);
    expect((await storyState(id)).version).toBe(4);
    expect(await revisionsOf(id)).toHaveLength(4);
  });

  it("a reporter cannot restore, list, view, compare or preview another reporter's story: not found, like a random id", async () => {
    const { id, revisions } = await storyWithHistory(reporter);
    const before = await storyState(id);
    const random = crypto.randomUUID();

    const theirs = await restoreRevision.execute(otherReporter.claims, {
      id,
      revisionId: revisions[0]!.id,
      baseVersion: 3,
    });
    const missing = await restoreRevision.execute(otherReporter.claims, {
      id: random,
      revisionId: revisions[0]!.id,
      baseVersion: 3,
    });

    expect(theirs).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(theirs).toEqual(missing);
    expect(await storyState(id)).toEqual(before);

    const other = await actorOf(otherReporter);
    expect(await getRevisionHistory(other, id)).toBeNull();
    expect(await getRevision(other, id, 1)).toBeNull();
    expect(await compareRevisions(other, id, 1, 2)).toBeNull();
    expect(await getStoryPreview(other, id)).toBeNull();
    // The owner and the desk see them.
    expect(await getRevisionHistory(await actorOf(reporter), id)).not.toBeNull();
    expect(await getStoryPreview(await actorOf(editor), id)).not.toBeNull();
  });

  it("a revision of another story is not found, and nothing changes", async () => {
    const mine = await storyWithHistory(reporter);
    const elsewhere = await storyWithHistory(editor);
    const before = await storyState(mine.id);

    const result = await restoreRevision.execute(editor.claims, {
      id: mine.id,
      revisionId: elsewhere.revisions[0]!.id,
      baseVersion: 3,
    });

    expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await storyState(mine.id)).toEqual(before);
  });

  it("restoring a revision equal to the current text still records the restore", async () => {
    const { id, revisions } = await storyWithHistory(reporter);
    const result = ok(
      await restoreRevision.execute(reporter.claims, {
        id,
        revisionId: revisions[2]!.id,
        baseVersion: 3,
      }),
    );
    expect(result).toMatchObject({ version: 4, number: 4 });
    const after = await revisionsOf(id);
    expect(after).toHaveLength(4);
    expect(contentOf(after[3]!)).toEqual(contentOf(revisions[2]!));
    expect((await eventsOf(id)).at(-1)?.action).toBe("revision_restored");
  });

  it("on a published story: readers keep the published revision, an update starts, the history marks what went live", async () => {
    const { id, revisions } = await storyWithHistory(reporter);
    await advance(id, [
      { name: "submit", as: reporter },
      { name: "approve", as: editor },
      { name: "publish", as: editor },
    ]);
    const live = await liveCopy(id);
    expect(live?.revisionId).toBe(revisions[2]!.id);

    const result = ok(
      await restoreRevision.execute(editor.claims, {
        id,
        revisionId: revisions[0]!.id,
        baseVersion: 3,
      }),
    );

    expect(await liveCopy(id)).toEqual(live);
    const [article] = await (await db()).select().from(articles).where(eq(articles.id, id));
    expect(article).toMatchObject({
      status: "published",
      updateStatus: "editing",
      publishedRevisionId: revisions[2]!.id,
      workingRevisionId: result.revisionId,
      version: 4,
    });

    const history = (await getRevisionHistory(await actorOf(editor), id))!;
    const flags = history.revisions.map((r) => [r.number, r.published, r.live, r.current]);
    expect(flags).toEqual([
      [4, false, false, true],
      [3, true, true, false],
      [2, false, false, false],
      [1, false, false, false],
    ]);

    // Preview shows the working copy (the restored text), not the live one.
    const preview = (await getStoryPreview(await actorOf(editor), id))!;
    expect(preview.story.headline).toBe(revisions[0]!.headline);
    expect(preview).toMatchObject({ isLive: true, unpublishedChanges: true, status: "published" });
    expect(preview.story.byline.map((b) => b.id)).toEqual([reporter.id]);
  });

  it("a reporter may not restore once their story is with the desk (forbidden, nothing changes)", async () => {
    const { id, revisions } = await storyWithHistory(reporter);
    await advance(id, [{ name: "submit", as: reporter }]);
    const before = await storyState(id);
    const result = await restoreRevision.execute(reporter.claims, {
      id,
      revisionId: revisions[0]!.id,
      baseVersion: before.version,
    });
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await storyState(id)).toEqual(before);
    const history = (await getRevisionHistory(await actorOf(reporter), id))!;
    expect(history.story.canRestore).toBe(false);
  });

  it("refuses malformed input and anonymous callers", async () => {
    const { id, revisions } = await storyWithHistory(reporter);
    const before = await storyState(id);
    const bad = await restoreRevision.execute(reporter.claims, {
      id,
      revisionId: "1",
      baseVersion: 3,
    });
    const extra = await restoreRevision.execute(reporter.claims, {
      id,
      revisionId: revisions[0]!.id,
      baseVersion: 3,
      status: "published",
    });
    const anonymous = await restoreRevision.execute(null, {
      id,
      revisionId: revisions[0]!.id,
      baseVersion: 3,
    });
    expect(bad).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(extra).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(anonymous).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(await storyState(id)).toEqual(before);
  });
});

describe("revision queries", () => {
  it("compares two stored revisions in words, with the section and people named", async () => {
    const story = await writeStory(reporter, "Ferry service resumes");
    ok(
      await saveArticle.execute(reporter.claims, {
        ...edit(story.id, 1, "Ferry service resumes in spring", "First paragraph of the story."),
        sectionId: await sectionId("business"),
      }),
    );
    const reporterActor = await actorOf(reporter);
    const comparison = (await compareRevisions(reporterActor, story.id, 1, 2))!;
    expect(comparison.from).toMatchObject({ number: 1, by: "Rita Restore", kind: "manual" });
    expect(comparison.to.number).toBe(2);
    expect(comparison.diff.fields).toEqual(
      expect.arrayContaining([
        {
          kind: "text",
          field: "headline",
          label: "Headline",
          before: "Ferry service resumes",
          after: "Ferry service resumes in spring",
        },
        expect.objectContaining({ field: "section", before: "Politics", after: "Business" }),
      ]),
    );
    expect(textOf(comparison.diff.body, "removed")).toBe("Second paragraph.");
    expect(comparison.options.map((o) => o.number)).toEqual([2, 1]);
    // Without numbers: the current revision against the one before it.
    const defaults = (await compareRevisions(reporterActor, story.id, null, null))!;
    expect([defaults.from.number, defaults.to.number]).toEqual([1, 2]);
    // A number that does not exist is not found.
    expect(await compareRevisions(reporterActor, story.id, 1, 9)).toBeNull();
    expect(await getRevision(reporterActor, story.id, 9)).toBeNull();

    const view = (await getRevision(reporterActor, story.id, 1))!;
    expect(view.revision).toMatchObject({
      number: 1,
      headline: "Ferry service resumes",
      sectionName: "Politics",
      by: "Rita Restore",
      current: false,
    });
  });
});

describe("preview", () => {
  it("is a complete reader page of the working copy, marked, never cached or indexed", async () => {
    const story = await writeStory(reporter, "Preview headline for the reader page");
    ok(
      await saveArticle.execute(reporter.claims, {
        ...edit(story.id, 1, "Preview headline, second draft", "Draft text <b>not markup</b>."),
        dateline: "OSLO (Wire)",
      }),
    );
    const response = await previewPage(await actorOf(reporter), story.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-robots-tag")).toContain("noindex");
    const html = await response.text();
    expect(html).toContain("Preview — not published");
    expect(html).toMatch(/<meta name="robots" content="noindex/);
    expect(html).toMatch(/<h1[^>]*>Preview headline, second draft<\/h1>/);
    expect(html).toContain('<div class="article-body"');
    expect(html).toContain('<span class="dateline">OSLO (Wire) — </span>');
    // Text is text: the body's angle brackets are escaped, never markup.
    expect(html).toContain("Draft text &lt;b&gt;not markup&lt;/b&gt;.");
    expect(html).toContain("Rita Restore");
    expect(html).not.toContain("<script>");
  });

  it("answers someone who may not see the story exactly as for a missing one, and sends the signed-out to sign in", async () => {
    const story = await writeStory(reporter, "Hidden preview headline");
    const other = await actorOf(otherReporter);
    const theirs = await previewPage(other, story.id);
    const missing = await previewPage(other, crypto.randomUUID());
    expect(theirs.status).toBe(404);
    expect(theirs.headers.get("cache-control")).toBe("private, no-store");
    const [a, b] = [await theirs.text(), await missing.text()];
    expect(a).toBe(b);
    expect(a).not.toContain("Hidden preview headline");

    const anonymous = await previewPage(null, story.id);
    expect(anonymous.status).toBe(307);
    expect(anonymous.headers.get("location")).toBe("/login");
  });
});
