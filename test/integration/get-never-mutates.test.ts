import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setArticleTags } from "@/server/articles/commands/set-tags";
import { previewPage } from "@/server/articles/preview-page";
import { loadActor } from "@/server/auth/actor";
import { approveComment } from "@/server/comments/moderate-comment";
import { postComment } from "@/server/comments/post-comment";
import { db } from "@/server/db";
import { advance, makeUser, ok, storyState, type TestUser } from "../support/fixtures";
import {
  addCorrection,
  draftStory,
  liveRow,
  publishedStory,
  storyIn,
} from "../support/reader-fixtures";

/**
 * THREATS 20: "GET never mutates". Every route handler in app/ that answers GET is called
 * with a set of realistic requests (hits, misses, odd queries), and every table of the
 * database must be exactly as before: same row count and same checksum of every row.
 *
 * Route handlers are imported from app/ and called as Next calls them (Request, params).
 * Two are not called directly:
 * - the newsroom preview reads the session cookie through next/headers, which exists only
 *   inside a Next request; the function it delegates to (previewPage) is called with no one,
 *   a reporter and an editor instead;
 * - next-auth's own route (GET /api/auth/session, csrf, providers) needs the same request
 *   scope; its GETs use the JWT strategy and write nothing (server/auth/options.ts writes
 *   only when `user` is set, at sign-in, a POST).
 * Signed-in page loads also touch the session's last-seen time (server/auth/sessions.ts,
 * idle timeout) by design; no reader route reads a session.
 */
const root = path.resolve(import.meta.dirname, "../..");

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

/** Route files under app/, as `app/...` paths. */
function routeFiles(dir = path.join(root, "app")): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routeFiles(full));
    else if (/^route\.tsx?$/.test(entry.name)) out.push(path.relative(root, full));
  }
  return out.sort();
}

/** Rows of a raw query, as either driver returns them. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
    string,
    unknown
  >[];
}

/** Every public table: its rows, and an md5 over all of them in a fixed order. */
async function snapshot(): Promise<Record<string, { rows: number; sum: string }>> {
  const database = await db();
  const tables = rowsOf(
    await database.execute(
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    ),
  ).map((r) => String(r.name));
  expect(tables.length).toBeGreaterThan(10);
  const out: Record<string, { rows: number; sum: string }> = {};
  for (const name of tables) {
    const [row] = rowsOf(
      await database.execute(
        sql.raw(
          `select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as s from "${name}" t`,
        ),
      ),
    );
    out[name] = { rows: Number(row!.n), sum: String(row!.s) };
  }
  return out;
}

let reporter: TestUser;
let editor: TestUser;
let live: { id: string; slug: string };
let draftId: string;
let requests: Record<string, [url: string, params: Record<string, unknown>][]>;

beforeAll(async () => {
  reporter = await makeUser("reporter", "Rita Reporter");
  editor = await makeUser("editor");
  const story = await draftStory(reporter, {
    headline: "Council budget passes after long debate",
    standfirst: "Roads and schools win.",
    paragraphs: ["The council met.", "The budget passed."],
  });
  ok(await setArticleTags.execute(reporter.claims, { id: story.id, tags: ["Budget", "Council"] }));
  await advance(story.id, [
    { name: "submit", as: reporter },
    { name: "approve", as: editor },
    { name: "publish", as: editor },
  ]);
  await addCorrection(story.id, editor, "An earlier version misstated the total.");
  live = { id: story.id, slug: (await liveRow(story.id))!.slug };
  // Two comments: one approved (shown), one waiting for moderation (not shown).
  for (const body of ["Good news for the roads.", "And for the schools."]) {
    ok(
      await postComment.execute(null, {
        articleId: story.id,
        name: "A reader",
        email: "reader@example.com",
        body,
        website: "",
        clientAddress: `192.0.2.${body.length}`,
      }),
    );
  }
  const [first] = rowsOf(
    await (await db()).execute(
      sql`select id from comments where article_id = ${story.id} order by created_at limit 1`,
    ),
  );
  ok(await approveComment.execute(editor.claims, { id: String(first!.id) }));
  await publishedStory(reporter, editor, { headline: "Another live story", paragraphs: ["x"] });
  const gone = await storyIn("unpublished", reporter, editor, {
    headline: "A story taken down",
    paragraphs: ["y"],
  });
  const goneSlug = (await storyState(gone.id)).slug!;
  draftId = (await draftStory(reporter, { headline: "A draft", paragraphs: ["z"] })).id;
  const [author] = rowsOf(
    await (await db()).execute(sql`select slug from users where id = ${reporter.id}`),
  );
  const authorSlug = String(author!.slug);
  const unknown = crypto.randomUUID();
  requests = {
    "app/(site)/route.ts": [
      ["/", {}],
      ["/?page=2", {}],
    ],
    "app/(site)/[section]/route.ts": [
      ["/politics", { section: "politics" }],
      ["/politics?page=2", { section: "politics" }],
      ["/no-such-section", { section: "no-such-section" }],
    ],
    "app/(site)/[section]/[slug]/route.ts": [
      [`/politics/${live.slug}`, { section: "politics", slug: live.slug }],
      [`/politics/${live.slug}?comment=sent`, { section: "politics", slug: live.slug }],
      [`/sport/${live.slug}`, { section: "sport", slug: live.slug }],
      [`/politics/${goneSlug}`, { section: "politics", slug: goneSlug }],
      ["/politics/no-such-story", { section: "politics", slug: "no-such-story" }],
      ["/politics/%00", { section: "politics", slug: "\u0000" }],
    ],
    "app/(site)/[section]/feed.xml/route.ts": [
      ["/politics/feed.xml", { section: "politics" }],
      ["/nope/feed.xml", { section: "nope" }],
    ],
    "app/(site)/assets/comments.js/route.ts": [["/assets/comments.js", {}]],
    "app/(site)/assets/site.css/route.ts": [["/assets/site.css", {}]],
    "app/(site)/authors/[author]/route.ts": [
      [`/authors/${authorSlug}`, { author: authorSlug }],
      ["/authors/nobody-here", { author: "nobody-here" }],
    ],
    "app/(site)/corrections/route.ts": [["/corrections", {}]],
    "app/(site)/feed.xml/route.ts": [["/feed.xml", {}]],
    "app/(site)/news-sitemap.xml/route.ts": [["/news-sitemap.xml", {}]],
    "app/(site)/robots.txt/route.ts": [["/robots.txt", {}]],
    "app/(site)/search/route.ts": [
      ["/search?q=budget", {}],
      ["/search?q=%22council+budget%22", {}],
      ["/search?q=-budget", {}],
      ["/search?q=%27%3B+drop+table+users%3B--", {}],
      ["/search", {}],
    ],
    "app/(site)/sitemap.xml/route.ts": [["/sitemap.xml", {}]],
    "app/(site)/tags/[tag]/route.ts": [
      ["/tags/budget", { tag: "budget" }],
      ["/tags/none", { tag: "none" }],
    ],
    "app/media/[id]/[file]/route.ts": [
      [`/media/${unknown}/480.webp`, { id: unknown, file: "480.webp" }],
    ],
  };
});

/** Route files whose GET is not called here, and why (see the comment at the top). */
const NOT_CALLED: Record<string, string> = {
  "app/(newsroom)/newsroom/articles/[id]/preview/route.ts": "previewPage, below",
  "app/api/auth/[...nextauth]/route.ts": "needs Next's request scope; JWT, no writes on GET",
};

describe("GET never mutates (THREATS 20)", () => {
  it("every GET route handler, anonymously, and the preview as staff, leave every table exactly as it was", async () => {
    const before = await snapshot();
    expect(before.articles!.rows).toBeGreaterThanOrEqual(4);
    expect(before.comments!.rows).toBe(2);

    const called: string[] = [];
    const statuses = new Map<string, number>();
    for (const file of routeFiles()) {
      const mod = (await import(path.join(root, file))) as { GET?: Handler };
      if (!mod.GET) continue;
      if (file in NOT_CALLED) continue;
      const cases = requests[file];
      expect(cases, `${file} answers GET: add requests for it to this test`).toBeDefined();
      for (const [url, params] of cases!) {
        for (const method of ["GET", "HEAD"]) {
          const response = await mod.GET(new Request(`http://localhost${url}`, { method }), {
            params: Promise.resolve(params),
          });
          expect(response.status, `${method} ${url}`).toBeLessThan(500);
          statuses.set(`${method} ${url}`, response.status);
          await response.arrayBuffer();
        }
      }
      called.push(file);
    }
    expect(called.sort()).toEqual(Object.keys(requests).sort());
    // The requests reached real pages, not only refusals.
    expect(statuses.get(`GET /politics/${live.slug}`)).toBe(200);
    expect(statuses.get(`GET /sport/${live.slug}`)).toBe(301);
    expect(statuses.get("GET /politics/no-such-story")).toBe(404);
    expect([...statuses].filter(([, s]) => s === 410)).toHaveLength(2); // GET and HEAD
    for (const url of ["/", "/politics", "/tags/budget", "/search?q=budget", "/feed.xml"]) {
      expect(statuses.get(`GET ${url}`), url).toBe(200);
    }

    for (const user of [null, reporter, editor]) {
      const actor = user ? await loadActor(await db(), user.claims) : null;
      for (const id of [live.id, draftId, crypto.randomUUID()]) {
        const response = await previewPage(actor, id);
        expect(response.status).toBeLessThan(500);
        if (id === draftId) expect(response.status).toBe(user ? 200 : 307);
        await response.arrayBuffer();
      }
    }

    expect(await snapshot()).toEqual(before);
  });
});
