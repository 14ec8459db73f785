import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ChangeListener,
  listenOnPglite,
  listenOnPostgres,
} from "@/server/cache/change-listener";
import { parseInvalidation } from "@/server/cache/invalidation";
import { configureConsumer } from "@/server/cache/outbox-consumer";
import { PageCache } from "@/server/cache/page-cache";
import { recordReaderChange } from "@/server/cache/record-change";
import { db } from "@/server/db";
import { advance, makeUser, type TestUser } from "../support/fixtures";
import { liveRow, publishedStory } from "../support/reader-fixtures";
import { dbKind } from "../support/setup-db";

/**
 * Issue 6, several instances: a change committed through one connection reaches the page
 * cache of an instance listening on another connection (PostgreSQL LISTEN/NOTIFY), only once
 * committed; a listener that loses its connection stops serving from its cache, reconnects
 * by itself, and starts again empty.
 */
let reporter: TestUser;
let editor: TestUser;
let url = "";

beforeAll(async () => {
  reporter = await makeUser("reporter");
  editor = await makeUser("editor");
  configureConsumer({ fronts: [] });
  if (dbKind === "postgres") {
    const [row] = (await (
      await db()
    ).execute(sql`select current_database() as name`)) as unknown as {
      name: string;
    }[];
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${row!.name}`;
    url = u.toString();
  }
});

afterAll(() => configureConsumer(null));

/** A second instance: its own page cache, fed only by its own listener. */
async function otherInstance() {
  const cache = new PageCache(8 * 1024 * 1024);
  const seen: string[] = [];
  const state = { lost: 0, listening: [] as boolean[] };
  const events = {
    onChange(payload: string) {
      seen.push(payload);
      cache.invalidate(parseInvalidation(payload));
    },
    onListening(reconnected: boolean) {
      state.listening.push(reconnected);
      cache.setLive(true);
    },
    onLost() {
      state.lost++;
      cache.setLive(false);
    },
  };
  cache.setLive(false);
  const listener: ChangeListener =
    dbKind === "postgres"
      ? await listenOnPostgres(url, events)
      : await listenOnPglite(((await db()) as unknown as { $client: PGlite }).$client, events);
  return { cache, seen, state, listener };
}

async function until(check: () => boolean, ms = 1_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

const page = (tags: string[]) => ({
  status: 200,
  headers: [] as [string, string][],
  body: new TextEncoder().encode("<p>old</p>"),
  tags,
  expiresAt: Date.now() + 60_000,
});

describe("change notifications between instances", () => {
  it("a publication on one connection drops the page from another instance's cache within 1 s", async () => {
    const other = await otherInstance();
    try {
      expect(other.state.listening).toEqual([false]);
      const story = await publishedStory(reporter, editor, {
        headline: "Bus fares frozen for a year",
        paragraphs: ["The council agreed."],
      });
      const slug = (await liveRow(story.id))!.slug;
      const key = `/politics/${slug}`;
      other.cache.put(key, page([`article:${story.id}`, `path:${key}`]), other.cache.ticket());
      expect(other.cache.get(key)).not.toBeNull();

      const started = Date.now();
      await advance(story.id, [{ name: "unpublish", as: editor }], "published");
      expect(await until(() => other.cache.get(key) === null)).toBe(true);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(
        other.seen.some((p) => parseInvalidation(p).keys.includes(`article:${story.id}`)),
      ).toBe(true);
    } finally {
      await other.listener.stop();
    }
  });

  it("a rolled-back change notifies nobody", async () => {
    const other = await otherInstance();
    try {
      const before = other.seen.length;
      await expect(
        (await db()).transaction(async (tx) => {
          await recordReaderChange(tx, { all: false, paths: ["/world"], keys: [] });
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      await (await db()).transaction((tx) =>
        recordReaderChange(tx, { all: false, paths: ["/culture"], keys: [] }),
      );
      expect(await until(() => other.seen.length > before)).toBe(true);
      expect(other.seen.slice(before).map((p) => parseInvalidation(p).paths)).toEqual([
        ["/culture"],
      ]);
    } finally {
      await other.listener.stop();
    }
  });

  it.runIf(dbKind === "postgres")(
    "a listener whose connection is killed stops serving, reconnects and starts empty",
    async () => {
      const other = await otherInstance();
      try {
        other.cache.put("/world", page(["path:/world"]), other.cache.ticket());
        const admin = postgres(url, { max: 1, onnotice: () => {} });
        await admin`select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = 'newsroom-cache-listener' and datname = current_database()`;
        await admin.end();
        expect(await until(() => other.state.lost === 1, 3_000)).toBe(true);
        expect(other.cache.get("/world")).toBeNull();
        expect(await until(() => other.state.listening.length === 2, 5_000)).toBe(true);
        expect(other.state.listening).toEqual([false, true]);
        expect(other.cache.enabled).toBe(true);
        expect(other.cache.size).toBe(0);

        // And it hears changes again.
        other.cache.put("/business", page(["path:/business"]), other.cache.ticket());
        await (await db()).transaction((tx) =>
          recordReaderChange(tx, { all: false, paths: ["/business"], keys: [] }),
        );
        expect(await until(() => other.cache.get("/business") === null)).toBe(true);
      } finally {
        await other.listener.stop();
      }
    },
  );
});
