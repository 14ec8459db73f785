import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as articleRoute } from "@/app/(site)/[section]/[slug]/route";
import { GET as homeRoute } from "@/app/(site)/route";
import { slugify } from "@/lib/slug";
import { saveArticle } from "@/server/articles/commands/save-article";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import { toCachedPage } from "@/server/cache/cached-response";
import { configureConsumer } from "@/server/cache/outbox-consumer";
import { PageCache } from "@/server/cache/page-cache";
import { pageCache } from "@/server/cache/process-cache";
import { articlePage } from "@/server/reader/pages/article";
import {
  advance,
  makeUser,
  ok,
  storyState,
  type TestUser,
  workingRevision,
} from "../support/fixtures";
import { liveRow, publishedStory } from "../support/reader-fixtures";

/**
 * Issue 5, caching inside the app: public pages are answered from the instance's page cache,
 * and publishing, updating and unpublishing drop exactly what they change before the command
 * returns; a render that read the old story is never stored after the change; nothing
 * unpublished is ever served from it.
 */
let reporter: TestUser;
let editor: TestUser;

beforeAll(async () => {
  reporter = await makeUser("reporter");
  editor = await makeUser("editor");
  configureConsumer({ fronts: [] });
});

afterAll(() => configureConsumer(null));

beforeEach(() => pageCache().setLive(true));

async function article(section: string, slug: string) {
  const response = await articleRoute(new Request(`http://localhost/${section}/${slug}`), {
    params: Promise.resolve({ section, slug }),
  });
  return {
    status: response.status,
    cache: response.headers.get("x-page-cache"),
    html: await response.text(),
  };
}

async function home() {
  const response = await homeRoute(new Request("http://localhost/"), {
    params: Promise.resolve({}),
  });
  return {
    status: response.status,
    cache: response.headers.get("x-page-cache"),
    html: await response.text(),
  };
}

async function saveHeadline(id: string, headline: string) {
  const state = await storyState(id);
  const working = await workingRevision(id);
  ok(
    await saveArticle.execute(editor.claims, {
      id,
      baseVersion: state.version,
      headline,
      standfirst: working.standfirst,
      dateline: working.dateline,
      source: working.source,
      sectionId: working.sectionId,
      body: working.body,
    }),
  );
}

describe("the in-app page cache", () => {
  it("serves a public page from memory until publishing an update drops it", async () => {
    const story = await publishedStory(reporter, editor, {
      headline: "Council approves the new library",
      paragraphs: ["The vote was unanimous."],
    });
    const slug = (await liveRow(story.id))!.slug;
    const first = await article("politics", slug);
    expect(first).toMatchObject({ status: 200, cache: "miss" });
    expect(first.html).toContain("Council approves the new library");
    const second = await article("politics", slug);
    expect(second).toMatchObject({ status: 200, cache: "hit" });
    expect(second.html).toBe(first.html);

    // Saving the working copy changes nothing readers see: the page stays cached.
    await saveHeadline(story.id, "Council approves the new central library");
    expect((await article("politics", slug)).cache).toBe("hit");

    ok(
      await TRANSITION_COMMANDS.publishUpdate.execute(editor.claims, {
        id: story.id,
        fromStatus: "published",
      }),
    );
    const updated = await article("politics", slug);
    expect(updated.cache).toBe("miss");
    expect(updated.html).toContain("Council approves the new central library");
  });

  it("publishing a story drops the home page, and a cached 404 at its address", async () => {
    const headline = "Tram line extension opens next spring";
    const slug = slugify(headline);
    expect(await article("politics", slug)).toMatchObject({ status: 404, cache: "miss" });
    expect(await article("politics", slug)).toMatchObject({ status: 404, cache: "hit" });
    await home();
    expect((await home()).cache).toBe("hit");

    await publishedStory(reporter, editor, { headline, paragraphs: ["Work starts in May."] });
    const page = await article("politics", slug);
    expect(page).toMatchObject({ status: 200, cache: "miss" });
    const front = await home();
    expect(front.cache).toBe("miss");
    expect(front.html).toContain(headline);
  });

  it("never serves an unpublished story: the next request is 410 Gone", async () => {
    const story = await publishedStory(reporter, editor, {
      headline: "Stadium sale agreed in principle",
      paragraphs: ["Terms were not disclosed."],
    });
    const slug = (await liveRow(story.id))!.slug;
    await article("politics", slug);
    expect((await article("politics", slug)).cache).toBe("hit");
    await home();

    await advance(story.id, [{ name: "unpublish", as: editor }], "published");
    const gone = await article("politics", slug);
    expect(gone.status).toBe(410);
    expect(gone.html).not.toContain("Terms were not disclosed");
    expect((await home()).html).not.toContain("Stadium sale agreed in principle");
  });

  it("does not store a render that read the story before it was unpublished (the race)", async () => {
    const story = await publishedStory(reporter, editor, {
      headline: "Airport expansion plan revealed",
      paragraphs: ["A second runway is proposed."],
    });
    const slug = (await liveRow(story.id))!.slug;
    const cache = pageCache();
    const url = new URL(`http://localhost/politics/${slug}`);
    const key = `/politics/${slug}`;

    // A render starts and reads the live story…
    const ticket = cache.ticket();
    const stale = await articlePage("politics", slug);
    expect(stale.status).toBe(200);
    // …the story is unpublished and its pages invalidated while that render is in flight…
    await advance(story.id, [{ name: "unpublish", as: editor }], "published");
    // …then the render finishes: it must not be stored.
    expect(cache.put(key, await toCachedPage(url, stale, 60), ticket)).toBe(false);
    expect(cache.get(key)).toBeNull();
    expect((await article("politics", slug)).status).toBe(410);

    // The control: an unrelated change during a render does not keep it out.
    const other = await publishedStory(reporter, editor, {
      headline: "Museum extends its opening hours",
      paragraphs: ["Open until nine on Fridays."],
    });
    const otherSlug = (await liveRow(other.id))!.slug;
    const otherTicket = cache.ticket();
    const fresh = await articlePage("politics", otherSlug);
    cache.invalidate({ all: false, paths: ["/culture/something-else"], keys: ["tag:unrelated"] });
    const otherKey = `/politics/${otherSlug}`;
    expect(
      cache.put(
        otherKey,
        await toCachedPage(new URL(`http://localhost${otherKey}`), fresh, 60),
        otherTicket,
      ),
    ).toBe(true);
    expect(cache.get(otherKey)).not.toBeNull();
  });

  it("serves nothing while invalidations may be missed, and starts empty afterwards", async () => {
    const story = await publishedStory(reporter, editor, {
      headline: "River clean-up volunteers sought",
      paragraphs: ["Bring boots."],
    });
    const slug = (await liveRow(story.id))!.slug;
    await article("politics", slug);
    expect((await article("politics", slug)).cache).toBe("hit");
    pageCache().setLive(false); // the change listener lost its connection
    expect((await article("politics", slug)).cache).toBeNull();
    expect((await article("politics", slug)).cache).toBeNull();
    pageCache().setLive(true);
    expect((await article("politics", slug)).cache).toBe("miss");
  });
});

describe("PageCache bounds", () => {
  const page = (bytes: number, tags: string[], ttl = 60_000, now = 0) => ({
    status: 200,
    headers: [] as [string, string][],
    body: new Uint8Array(bytes),
    tags,
    expiresAt: now + ttl,
  });

  it("evicts the least recently used entries beyond its byte budget, and expires entries", () => {
    let now = 0;
    const cache = new PageCache(64 * 1024, () => now);
    for (let i = 0; i < 20; i++) cache.put(`/p${i}`, page(4096, [`k${i}`]), cache.ticket());
    expect(cache.usedBytes).toBeLessThanOrEqual(64 * 1024);
    expect(cache.get("/p0")).toBeNull();
    expect(cache.get("/p19")).not.toBeNull();
    now = 61_000;
    expect(cache.get("/p19")).toBeNull();
  });

  it("drops every entry carrying an invalidated tag, and only those", () => {
    const cache = new PageCache(1024 * 1024, () => 0);
    cache.put("/a", page(10, ["article:1", "path:/a"]), cache.ticket());
    cache.put("/b", page(10, ["section:x", "path:/b"]), cache.ticket());
    cache.put("/b?page=2", page(10, ["section:x", "path:/b"]), cache.ticket());
    expect(cache.invalidate({ all: false, paths: ["/b"], keys: [] })).toBe(2);
    expect(cache.get("/a")).not.toBeNull();
    expect(cache.get("/b?page=2")).toBeNull();
  });
});
