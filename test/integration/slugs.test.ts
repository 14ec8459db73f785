import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { articles, slugRedirects, workflowEvents } from "@/db/schema";
import { createArticle } from "@/server/articles/commands/create-article";
import { saveArticle } from "@/server/articles/commands/save-article";
import { setArticleSlug } from "@/server/articles/commands/set-slug";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import { db } from "@/server/db";
import type { Result } from "@/server/errors";
import { articlePage } from "@/server/reader/pages/article";
import {
  advance,
  doc,
  makeUser,
  ok,
  sectionId,
  storyAt,
  storyState,
  type TestUser,
  workingRevision,
  writeStory,
} from "../support/fixtures";

/** Slugs by hand: follow-the-headline, uniqueness, reserved words, hostile text, 301s. */

let reporter: TestUser;
let editor: TestUser;

beforeAll(async () => {
  reporter = await makeUser("reporter");
  editor = await makeUser("editor");
});

const tag = () => crypto.randomUUID().slice(0, 6);

async function stored(id: string) {
  const [row] = await (await db())
    .select({ slug: articles.slug, manual: articles.slugManual })
    .from(articles)
    .where(eq(articles.id, id));
  return row!;
}

async function slugEvents(id: string) {
  return (await db())
    .select()
    .from(workflowEvents)
    .where(and(eq(workflowEvents.articleId, id), eq(workflowEvents.action, "slug_changed")));
}

async function retitle(id: string, headline: string) {
  const working = await workingRevision(id);
  return ok(
    await saveArticle.execute(reporter.claims, {
      id,
      baseVersion: (await storyState(id)).version,
      headline,
      sectionId: working.sectionId,
      body: working.body,
    }),
  );
}

const setSlug = (who: TestUser, id: string, slug: unknown) =>
  setArticleSlug.execute(who.claims, { id, slug });

function refusal(result: Result<unknown>) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error("unreachable");
  return result.error;
}

describe("following the headline", () => {
  it("follows the headline until edited by hand, and again after the hand edit is cleared", async () => {
    const t = tag();
    const story = await writeStory(reporter, `Harbour reopens ${t}`);
    expect(story.slug).toBe(`harbour-reopens-${t}`);
    await retitle(story.id, `Harbour stays shut ${t}`);
    expect(await stored(story.id)).toEqual({ slug: `harbour-stays-shut-${t}`, manual: false });

    ok(await setSlug(reporter, story.id, `Harbour Row ${t}`));
    expect(await stored(story.id)).toEqual({ slug: `harbour-row-${t}`, manual: true });
    await retitle(story.id, `A third headline ${t}`);
    expect((await stored(story.id)).slug).toBe(`harbour-row-${t}`);

    ok(await setSlug(reporter, story.id, "  "));
    expect(await stored(story.id)).toEqual({ slug: `a-third-headline-${t}`, manual: false });
    expect(await slugEvents(story.id)).toHaveLength(2);
  });

  it("does nothing (and audits nothing) when the slug is unchanged", async () => {
    const story = await writeStory(reporter);
    ok(await setSlug(reporter, story.id, `same-${tag()}`));
    const { slug } = await stored(story.id);
    const again = ok(await setSlug(reporter, story.id, slug.toUpperCase()));
    expect(again).toMatchObject({ slug, changed: false });
    expect(await slugEvents(story.id)).toHaveLength(1);
  });
});

describe("uniqueness", () => {
  it("refuses another story's slug, whatever its case, and changes nothing", async () => {
    const t = tag();
    const first = await writeStory(reporter, `Budget day ${t}`);
    const second = await writeStory(reporter);
    const before = await stored(second.id);
    const error = refusal(await setSlug(reporter, second.id, `BUDGET-Day-${t}`));
    expect(error.code).toBe("invalid");
    expect(error.fields?.slug).toMatch(/Another story already uses the address/);
    expect(await stored(second.id)).toEqual(before);
    expect(await slugEvents(second.id)).toHaveLength(0);
    expect((await stored(first.id)).slug).toBe(`budget-day-${t}`);
  });

  it("gives twenty concurrent claims of one slug exactly one winner and nineteen clear refusals", async () => {
    const wanted = `one-address-${tag()}`;
    const stories = await Promise.all(Array.from({ length: 20 }, () => writeStory(reporter)));
    const results = await Promise.all(stories.map((s) => setSlug(editor, s.id, wanted)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.filter((r) => !r.ok).map((r) => refusal(r));
    expect(refused).toHaveLength(19);
    for (const error of refused) expect(error.fields?.slug).toMatch(/already uses/);
    const holders = await (await db())
      .select({ id: articles.id })
      .from(articles)
      .where(eq(articles.slug, wanted));
    expect(holders).toHaveLength(1);
  });

  it("keeps twenty concurrent stories with one headline on distinct slugs, racing hand-picked numbered ones", async () => {
    const headline = `Race ${tag()}`;
    const base = headline.toLowerCase().replace(" ", "-");
    const others = await Promise.all(Array.from({ length: 10 }, () => writeStory(reporter)));
    const results = await Promise.all([
      ...Array.from({ length: 20 }, () =>
        sectionId().then((section) =>
          createArticle.execute(reporter.claims, { headline, sectionId: section, body: doc("x") }),
        ),
      ),
      ...others.map((s, i) => setSlug(reporter, s.id, `${base}-${i + 2}`)),
    ]);
    // Never an internal error: each either succeeds or is refused with a reason.
    for (const r of results) if (!r.ok) expect(r.error.code).toBe("invalid");
    expect(results.slice(0, 20).every((r) => r.ok)).toBe(true);
    const rows = await (await db())
      .select({ slug: articles.slug })
      .from(articles)
      .where(sql`${articles.slug} ~ ${`^${base}(-[0-9]+)?$`}`);
    const slugs = rows.map((r) => r.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs.length).toBe(20 + results.slice(20).filter((r) => r.ok).length);
  });
});

describe("refused and cleaned input", () => {
  it("refuses reserved words, and numbers a headline that is one", async () => {
    const story = await writeStory(reporter);
    for (const word of ["newsroom", "API", "Search", "feed", "Tags", "login"]) {
      const error = refusal(await setSlug(reporter, story.id, word));
      expect(error.code).toBe("invalid");
      expect(error.fields?.slug).toBeTruthy();
    }
    expect((await stored(story.id)).manual).toBe(false);
    const named = await writeStory(reporter, "Newsroom");
    expect(named.slug).toMatch(/^newsroom-story(-[0-9]+)?$/);
  });

  it("strips bidi controls and zero-width characters, folds accents and width", async () => {
    const t = tag();
    const story = await writeStory(reporter);
    const cases: [string, string][] = [
      [`\u202Eevil\u202C-${t}`, `evil-${t}`],
      [`bre\u200Baking\u200D-\uFEFFnews-${t}`, `breaking-news-${t}`],
      [`\u2066isolated\u2069 ${t}`, `isolated-${t}`],
      [`Zoë Ünïcode ${t}`, `zoe-unicode-${t}`],
      [`ＦＵＬＬ ｗｉｄｔｈ ${t}`, `full-width-${t}`],
      [`  many   spaces__and_underscores ${t} `, `many-spaces-and-underscores-${t}`],
    ];
    for (const [input, expected] of cases) {
      const data = ok(await setSlug(reporter, story.id, input)) as { slug: string };
      expect(data.slug).toBe(expected);
      expect((await stored(story.id)).slug).toBe(expected);
    }
  });

  it("refuses look-alikes, symbols, NUL, lone surrogates, over-long and non-text slugs", async () => {
    const story = await writeStory(reporter);
    const before = await stored(story.id);
    const hostile: unknown[] = [
      "раураl", // Cyrillic look-alikes of "paypal"
      "news/../../etc",
      "a.b",
      "emoji-🔥",
      "a\u0000b",
      "half-\uD800-surrogate",
      "<script>alert(1)</script>",
      "javascript:alert(1)",
      "\u200B\u200B",
      "x".repeat(81),
      "y".repeat(401),
      42,
      null,
      ["a"],
    ];
    for (const input of hostile) {
      const error = refusal(await setSlug(reporter, story.id, input));
      expect(error.code).toBe("invalid");
      expect(error.fields?.slug).toBeTruthy();
    }
    const extra = refusal(
      await setArticleSlug.execute(reporter.claims, { id: story.id, slug: "fine", manual: false }),
    );
    expect(extra.code).toBe("invalid");
    expect(await stored(story.id)).toEqual(before);
    expect(await slugEvents(story.id)).toHaveLength(0);
  });
});

describe("old addresses of a live story", () => {
  async function publishUpdate(id: string) {
    ok(
      await TRANSITION_COMMANDS.publishUpdate.execute(editor.claims, {
        id,
        fromStatus: "published",
        note: "",
      }),
    );
  }

  const location = async (slug: string) => {
    const response = await articlePage("politics", slug);
    return { status: response.status, location: response.headers.get("location") };
  };

  it("keeps the old address until the update is published, then answers 301 to the newest (A → B → C)", async () => {
    const t = tag();
    const story = await storyAt("published", reporter, editor);
    const a = (await stored(story.id)).slug;
    const b = `second-address-${t}`;
    const c = `third-address-${t}`;

    ok(await setSlug(reporter, story.id, b));
    expect((await storyState(story.id)).status).toBe("published");
    expect(await location(a)).toEqual({ status: 200, location: null });
    expect((await location(b)).status).toBe(404);
    // The pending address is taken: nobody else may claim it (or the live one) meanwhile.
    const other = await writeStory(reporter);
    expect(refusal(await setSlug(reporter, other.id, b)).fields?.slug).toMatch(/already uses/);
    expect(refusal(await setSlug(reporter, other.id, a)).fields?.slug).toMatch(/already uses/);

    await publishUpdate(story.id);
    expect(await location(a)).toEqual({ status: 301, location: `/politics/${b}` });
    expect((await location(b)).status).toBe(200);

    ok(await setSlug(editor, story.id, c));
    await publishUpdate(story.id);
    expect(await location(a)).toEqual({ status: 301, location: `/politics/${c}` });
    expect(await location(b)).toEqual({ status: 301, location: `/politics/${c}` });
    expect(await location(c.toUpperCase())).toEqual({ status: 301, location: `/politics/${c}` });
    expect((await location(c)).status).toBe(200);

    // An old address stays this story's: another story cannot take it over.
    expect(refusal(await setSlug(reporter, other.id, a)).fields?.slug).toMatch(/already uses/);
    const taken = await writeStory(reporter, a.replace(/-/g, " "));
    expect(taken.slug).not.toBe(a);

    // Taking an old address back makes it live again and the others redirect to it.
    ok(await setSlug(editor, story.id, a));
    await publishUpdate(story.id);
    expect((await location(a)).status).toBe(200);
    expect(await location(b)).toEqual({ status: 301, location: `/politics/${a}` });
    expect(await location(c)).toEqual({ status: 301, location: `/politics/${a}` });
    const redirects = await (await db())
      .select({ slug: slugRedirects.slug })
      .from(slugRedirects)
      .where(eq(slugRedirects.articleId, story.id));
    expect(redirects.map((r) => r.slug).sort()).toEqual([b, c].sort());
  });

  it("puts the live address back when the update carrying a new one is discarded", async () => {
    const story = await storyAt("published", reporter, editor);
    const live = (await stored(story.id)).slug;
    ok(await setSlug(reporter, story.id, `discarded-${tag()}`));
    await advance(story.id, [{ name: "discardUpdate", as: reporter }], "published");
    expect((await stored(story.id)).slug).toBe(live);
    expect((await location(live)).status).toBe(200);
  });

  it("keeps the address readers knew through an unpublish: 410 while down, 301 once back under a new slug", async () => {
    const story = await storyAt("published", reporter, editor);
    const known = (await stored(story.id)).slug;
    await advance(story.id, [{ name: "unpublish", as: editor }], "published");
    expect((await location(known)).status).toBe(410);

    const renamed = `back-under-a-new-name-${tag()}`;
    ok(await setSlug(editor, story.id, renamed));
    // Still gone at the address readers knew; the new one was never public and redirects
    // nowhere, so it cannot reveal where the story will come back.
    expect((await location(known)).status).toBe(410);
    expect((await location(renamed)).location).toBeNull();
    const other = await writeStory(reporter);
    expect(refusal(await setSlug(reporter, other.id, known)).fields?.slug).toMatch(/already uses/);

    await advance(story.id, [{ name: "publish", as: editor }], "unpublished");
    expect(await location(known)).toEqual({ status: 301, location: `/politics/${renamed}` });
    expect((await location(renamed)).status).toBe(200);

    // Back under its old address, nothing redirects to itself.
    await advance(story.id, [{ name: "unpublish", as: editor }], "published");
    ok(await setSlug(editor, story.id, known));
    await advance(story.id, [{ name: "publish", as: editor }], "unpublished");
    expect((await location(known)).status).toBe(200);
    expect(await location(renamed)).toEqual({ status: 301, location: `/politics/${known}` });
  });

  it("refuses a reporter's slug change on another reporter's story (not found) and on a story in review", async () => {
    const story = await storyAt("in_review", reporter, editor);
    const stranger = await makeUser("reporter");
    expect(refusal(await setSlug(stranger, story.id, `x-${tag()}`)).code).toBe("not_found");
    expect(refusal(await setSlug(reporter, story.id, `x-${tag()}`)).code).toBe("forbidden");
  });
});
