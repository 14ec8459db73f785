import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outbox, users } from "@/db/schema";
import { saveArticle } from "@/server/articles/commands/save-article";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import { EVERYTHING } from "@/server/cache/invalidation";
import { configureConsumer, processOutbox } from "@/server/cache/outbox-consumer";
import { recordReaderChange } from "@/server/cache/record-change";
import { db } from "@/server/db";
import { updateSection } from "@/server/sections/commands/update-section";
import { bannedKeys, bannedPaths, startBanRecorder } from "../support/ban-recorder";
import {
  advance,
  makeUser,
  ok,
  sectionId,
  storyState,
  type TestUser,
  workingRevision,
} from "../support/fixtures";
import { liveRow, publishedStory } from "../support/reader-fixtures";

/**
 * Issue 5 (caching) and issue 6 (several instances): the outbox consumer bans exactly the
 * pages a change alters at every configured front — a real HTTP server here — right after
 * the command commits, once per row, and retries what a front did not confirm.
 */
let reporter: TestUser;
let editor: TestUser;
let front: Awaited<ReturnType<typeof startBanRecorder>>;
let second: Awaited<ReturnType<typeof startBanRecorder>>;
const TOKEN = "purge-token-0123456789";

beforeAll(async () => {
  reporter = await makeUser("reporter");
  editor = await makeUser("editor");
  front = await startBanRecorder();
  second = await startBanRecorder();
  configureConsumer({ fronts: [front.url, second.url], token: TOKEN });
});

afterAll(async () => {
  configureConsumer(null);
  await front.close();
  await second.close();
});

beforeEach(async () => {
  // Nothing left over from another test's commands.
  await processOutbox({ fronts: [] });
  front.bans.length = 0;
  second.bans.length = 0;
  front.control.status = 200;
});

async function pending() {
  return (await db())
    .select()
    .from(outbox)
    .where(and(isNull(outbox.processedAt), eq(outbox.topic, "story.changed")));
}

async function slugOf(user: TestUser) {
  const [row] = await (await db())
    .select({ slug: users.slug })
    .from(users)
    .where(eq(users.id, user.id));
  return row!.slug;
}

const SITE_WIDE = ["/", "/feed.xml", "/news-sitemap.xml", "/search", "/sitemap.xml"];

describe("the outbox consumer", () => {
  it("bans exactly the published story's pages at every front before the command returns", async () => {
    const story = await publishedStory(reporter, editor, {
      headline: "Harbour bridge reopens to traffic",
      paragraphs: ["The bridge reopened on Monday."],
    });
    const live = await liveRow(story.id);
    const author = await slugOf(reporter);
    // No waiting: the command applied the change after its commit, before returning.
    for (const target of [front, second]) {
      expect(bannedPaths(target.bans)).toEqual(
        [
          ...SITE_WIDE,
          "/politics",
          "/politics/feed.xml",
          `/politics/${live!.slug}`,
          `/authors/${author}`,
        ].sort(),
      );
      expect(bannedKeys(target.bans)).toEqual(
        [
          "home",
          "search",
          "corrections",
          `article:${story.id}`,
          "section:politics",
          `author:${author}`,
        ].sort(),
      );
      expect(target.bans.every((b) => b.token === TOKEN)).toBe(true);
    }
    expect(await pending()).toHaveLength(0);
  });

  it("an update that moves the story bans its old and new addresses and sections; unpublishing bans it again", async () => {
    const story = await publishedStory(reporter, editor, {
      headline: "Ferry timetable changes for winter",
      paragraphs: ["Fewer crossings from November."],
    });
    const live = await liveRow(story.id);
    front.bans.length = 0;
    // The working copy moves to World, then the update goes live.
    const state = await storyState(story.id);
    const working = await workingRevision(story.id);
    ok(
      await saveArticle.execute(editor.claims, {
        id: story.id,
        baseVersion: state.version,
        headline: working!.headline,
        standfirst: working!.standfirst,
        dateline: working!.dateline,
        source: working!.source,
        sectionId: await sectionId("world"),
        body: working!.body,
      }),
    );
    ok(
      await TRANSITION_COMMANDS.publishUpdate.execute(editor.claims, {
        id: story.id,
        fromStatus: "published",
        correction: { kind: "correction", note: "The crossing count was wrong." },
      }),
    );
    const paths = bannedPaths(front.bans);
    for (const p of [
      `/politics/${live!.slug}`,
      `/world/${live!.slug}`,
      "/politics",
      "/world",
      "/politics/feed.xml",
      "/world/feed.xml",
    ]) {
      expect(paths).toContain(p);
    }
    expect(bannedKeys(front.bans)).toEqual(
      expect.arrayContaining(["section:politics", "section:world", "corrections"]),
    );

    front.bans.length = 0;
    await advance(story.id, [{ name: "unpublish", as: editor }], "published");
    expect(bannedPaths(front.bans)).toContain(`/world/${live!.slug}`);
    expect(bannedKeys(front.bans)).toContain(`article:${story.id}`);
  });

  it("is idempotent: a processed row is never banned again", async () => {
    await publishedStory(reporter, editor, { headline: "Once only", paragraphs: ["Text."] });
    const count = front.bans.length;
    expect(count).toBeGreaterThan(0);
    expect(await processOutbox({ fronts: [front.url] })).toBe(0);
    expect(await processOutbox({ fronts: [front.url] })).toBe(0);
    expect(front.bans).toHaveLength(count);
  });

  it("keeps a row pending while a front fails, and bans it when the front is back", async () => {
    front.control.status = 503;
    const story = await publishedStory(reporter, editor, {
      headline: "Power cut hits the old town",
      paragraphs: ["Lights went out at noon."],
    });
    // The command still succeeded (it committed); the ban is owed.
    expect((await liveRow(story.id))?.headline).toBe("Power cut hits the old town");
    const owed = await pending();
    expect(owed).toHaveLength(1);
    await expect(processOutbox({ fronts: [front.url, second.url] })).rejects.toThrow(/HTTP 503/);
    expect(await pending()).toHaveLength(1);

    front.control.status = 200;
    expect(await processOutbox({ fronts: [front.url, second.url] })).toBe(1);
    expect(await pending()).toHaveLength(0);
    expect(bannedKeys(front.bans)).toContain(`article:${story.id}`);
  });

  it("an unreachable front is a failure too, not a silent success", async () => {
    await (await db()).transaction((tx) =>
      recordReaderChange(tx, { all: false, paths: ["/culture"], keys: [] }),
    );
    await expect(processOutbox({ fronts: ["http://127.0.0.1:9"] })).rejects.toThrow(/127.0.0.1:9/);
    expect(await processOutbox({ fronts: [front.url] })).toBe(1);
    expect(bannedPaths(front.bans)).toEqual(["/culture"]);
  });

  it("two consumers running at once never process the same row twice", async () => {
    const database = await db();
    const paths = Array.from({ length: 40 }, (_, i) => `/culture/story-${i}`);
    for (const path of paths) {
      await database.transaction((tx) =>
        recordReaderChange(tx, { all: false, paths: [path], keys: [] }),
      );
    }
    front.control.delayMs = 15; // each ban takes a while, so the two runs overlap
    const counts = await Promise.all([
      processOutbox({ fronts: [front.url], batch: 3 }),
      processOutbox({ fronts: [front.url], batch: 3 }),
    ]);
    front.control.delayMs = 0;
    expect(counts[0] + counts[1]).toBe(40);
    const banned = bannedPaths(front.bans);
    expect(banned).toEqual([...paths].sort());
    expect(new Set(banned).size).toBe(banned.length);
  });

  it("renaming a section bans every page (the navigation is on all of them)", async () => {
    const id = await sectionId("business");
    ok(
      await updateSection.execute(editor.claims, { id, name: "Business & Money", description: "" }),
    );
    expect(front.bans).toEqual([{ paths: "^/", keys: null, token: TOKEN }]);
    await (await db()).transaction((tx) => recordReaderChange(tx, EVERYTHING));
  });
});
