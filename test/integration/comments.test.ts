import crypto from "node:crypto";
import { and, count, eq, sql } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/comments/route";
import { CommentsSection } from "@/components/site/comments/comments-section";
import { comments, outbox, publishedArticles, rateLimits, workflowEvents } from "@/db/schema";
import { linkify, stripBidiControls } from "@/lib/comments/display";
import { COMMENT_FAILURES, PENDING_MESSAGE } from "@/lib/comments/messages";
import { approveComment, deleteComment, spamComment } from "@/server/comments/moderate-comment";
import { postComment } from "@/server/comments/post-comment";
import { approvedComments, MAX_REPLY_DEPTH } from "@/server/comments/queries/approved-comments";
import { storyCommentSettings } from "@/server/comments/queries/comment-settings";
import { commentsSection } from "@/server/comments/queries/comments-section";
import { moderationQueue, QUEUE_PAGE_SIZE } from "@/server/comments/queries/moderation-queue";
import { pendingCommentCount } from "@/server/comments/queries/pending-count";
import { setCommentsOpen } from "@/server/comments/set-comments-open";
import { config } from "@/server/config";
import { db } from "@/server/db";
import type { Result } from "@/server/errors";
import { clientAddress, normaliseAddress } from "@/server/http/client-address";
import type { Actor } from "@/server/policy";
import { advance, deactivate, makeUser, ok, type TestUser, writeStory } from "../support/fixtures";

/**
 * Issue 5, reader comments; THREATS 17–20. Posting is public (and hostile); moderation is
 * the desk's. Everything runs against the real database through the commands and queries.
 */

let reporter: TestUser;
let editor: TestUser;
let admin: TestUser;
let deactivated: TestUser;

beforeAll(async () => {
  reporter = await makeUser("reporter", "Comment Reporter");
  editor = await makeUser("editor", "Comment Editor");
  admin = await makeUser("admin", "Comment Admin");
  deactivated = await makeUser("editor", "Gone Editor");
  await deactivate(deactivated);
});

async function liveStory(): Promise<string> {
  const story = await writeStory(reporter);
  await advance(story.id, [
    { name: "submit", as: reporter },
    { name: "approve", as: editor },
    { name: "publish", as: editor },
  ]);
  return story.id;
}

/** A distinct address per call unless one is given: most tests are not about rate limits. */
let nextHost = 1;
const freshAddress = () => {
  nextHost += 1;
  return `10.${(nextHost >> 16) & 255}.${(nextHost >> 8) & 255}.${nextHost & 255}`;
};

function post(articleId: string, fields: Record<string, unknown> = {}) {
  return postComment.execute(null, {
    articleId,
    name: "Reader",
    email: "reader@example.com",
    body: `A thoughtful comment ${crypto.randomUUID()}`,
    website: "",
    clientAddress: freshAddress(),
    ...fields,
  });
}

const code = (result: Result<unknown>) => (result.ok ? "ok" : result.error.code);

async function stored(articleId: string) {
  return (await db()).select().from(comments).where(eq(comments.articleId, articleId));
}

async function idOfBody(articleId: string, body: string): Promise<string> {
  const rows = await stored(articleId);
  const row = rows.find((r) => r.body === body);
  if (!row) throw new Error(`no comment with body ${body}`);
  return row.id;
}

async function postApproved(articleId: string, body: string, parentId?: string) {
  ok(await post(articleId, { body, parentId, name: `Name of ${body}` }));
  const id = await idOfBody(articleId, body);
  ok(await approveComment.execute(editor.claims, { id }));
  return id;
}

describe("posting a comment", () => {
  it("is held as pending, with normalised text, a hashed address, and the same answer as always", async () => {
    const articleId = await liveStory();
    const result = await post(articleId, {
      name: "  Ana\u0301  Reader \n",
      email: "  ana@example.com ",
      body: "  Cafe\u0301 line one\r\nline two\u0007  ",
      clientAddress: "203.0.113.7",
    });
    expect(result).toEqual({ ok: true, data: { status: "pending" } });
    const [row] = await stored(articleId);
    expect(row).toMatchObject({
      status: "pending",
      authorName: "Aná Reader",
      authorEmail: "ana@example.com",
      body: "Café line one\nline two",
      parentId: null,
    });
    expect(row!.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.ipHash).not.toContain("203.0.113.7");
    expect(row!.bodyHash).toMatch(/^[0-9a-f]{64}$/);
    // Pending comments are not shown to readers.
    expect((await approvedComments(articleId))?.count).toBe(0);
  });

  it("is not found on a draft, an unpublished story, a random id or a malformed id", async () => {
    const draft = await writeStory(reporter);
    const unpublished = await liveStory();
    await advance(unpublished, [{ name: "unpublish", as: editor }], "published");
    for (const articleId of [draft.id, unpublished, crypto.randomUUID(), "not-an-id", "1 or 1=1"]) {
      const result = await post(articleId);
      expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect(await stored(draft.id)).toHaveLength(0);
    expect(await stored(unpublished)).toHaveLength(0);
  });

  it("refuses bad fields with a clear message and stores nothing", async () => {
    const articleId = await liveStory();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ body: "   \n  " }, "body", COMMENT_FAILURES.body_missing],
      [{ body: "x".repeat(5_001) }, "body", COMMENT_FAILURES.body_long],
      [{ body: "x".repeat(100_000) }, "body", COMMENT_FAILURES.body_long],
      [{ body: "nul\u0000byte" }, "body", COMMENT_FAILURES.body_invalid],
      [{ name: "" }, "name", COMMENT_FAILURES.name_missing],
      [{ name: "n".repeat(101) }, "name", COMMENT_FAILURES.name_long],
      [{ email: "not an email" }, "email", COMMENT_FAILURES.email_invalid],
      [{ email: undefined }, "email", COMMENT_FAILURES.email_invalid],
    ];
    for (const [fields, field, message] of cases) {
      const result = await post(articleId, fields);
      expect(result.ok, JSON.stringify(fields).slice(0, 80)).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe("invalid");
      expect(result.error.fields?.[field]).toBe(message);
    }
    // Exactly 5,000 characters is fine.
    ok(await post(articleId, { body: "y".repeat(5_000) }));
    expect(await stored(articleId)).toHaveLength(1);
  });

  it("refuses unknown fields (no mass assignment of status or moderation)", async () => {
    const articleId = await liveStory();
    for (const extra of [{ status: "approved" }, { ipHash: "x" }, { moderatedBy: editor.id }]) {
      const result = await post(articleId, extra);
      expect(code(result)).toBe("invalid");
    }
    expect(await stored(articleId)).toHaveLength(0);
  });

  it("pretends to accept a filled honeypot but stores nothing and counts nothing", async () => {
    const articleId = await liveStory();
    const ip = freshAddress();
    const bot = await post(articleId, { website: "http://spam.example", clientAddress: ip });
    const human = await post(articleId, { clientAddress: freshAddress() });
    expect(bot).toEqual(human);
    expect(await stored(articleId)).toHaveLength(1);
    // The bot's address was not charged either: the honeypot is checked before any counter.
    ok(await post(articleId, { clientAddress: ip }));
  });

  it("answers 409 to the same text on the same story within a day, from anyone, however spaced", async () => {
    const articleId = await liveStory();
    const other = await liveStory();
    ok(await post(articleId, { body: "Great  reporting,\nthank you." }));
    const again = await post(articleId, { body: "great reporting, THANK you. " });
    expect(again).toEqual({
      ok: false,
      error: {
        code: "conflict",
        message: "You already posted that comment.",
        fields: { body: "You already posted that comment." },
      },
    });
    // Another story is another conversation.
    ok(await post(other, { body: "Great reporting, thank you." }));
    // Older than 24 hours no longer counts.
    await (await db())
      .update(comments)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(eq(comments.articleId, articleId));
    ok(await post(articleId, { body: "Great reporting, thank you." }));
  });

  it("holds the duplicate check under concurrency: one of many identical posts gets in", async () => {
    const articleId = await liveStory();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => post(articleId, { body: "Same words at once." })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => code(r) === "conflict")).toHaveLength(19);
    expect(await stored(articleId)).toHaveLength(1);
  });

  it("replies only to an approved comment of the same story", async () => {
    const articleId = await liveStory();
    const other = await liveStory();
    ok(await post(articleId, { body: "Still pending" }));
    const pendingId = await idOfBody(articleId, "Still pending");
    const approvedElsewhere = await postApproved(other, "Approved elsewhere");
    for (const parentId of [pendingId, approvedElsewhere, crypto.randomUUID(), "junk"]) {
      const result = await post(articleId, { parentId });
      expect(result).toMatchObject({
        ok: false,
        error: { code: "invalid", message: COMMENT_FAILURES.parent },
      });
    }
    const approved = await postApproved(articleId, "Approved here");
    ok(await post(articleId, { parentId: approved, body: "A reply" }));
    expect((await stored(articleId)).find((r) => r.body === "A reply")?.parentId).toBe(approved);
    // The form's empty hidden field means "no parent".
    ok(await post(articleId, { parentId: "" }));
  });
});

describe("rate limits (THREATS 18)", () => {
  it("admits exactly one of 100 concurrent posts from one address to one story", async () => {
    const articleId = await liveStory();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        post(articleId, { body: `Burst comment number ${i}`, clientAddress: "192.0.2.50" }),
      ),
    );
    const accepted = results.filter((r) => r.ok);
    expect(accepted).toHaveLength(1);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(99);
    for (const r of refused) {
      expect(r).toMatchObject({
        ok: false,
        error: { code: "rate_limited", message: COMMENT_FAILURES.rate_limited },
      });
      if (!r.ok) {
        const retry = (r.error.detail as { retryAfterSeconds: number }).retryAfterSeconds;
        expect(retry).toBeGreaterThanOrEqual(1);
        expect(retry).toBeLessThanOrEqual(15);
      }
    }
    expect(await stored(articleId)).toHaveLength(1);
    // Other readers are not held up by one address's burst.
    const others = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(articleId, { body: `Other reader ${i}` })),
    );
    expect(others.every((r) => r.ok)).toBe(true);
    // Once the 15 s window has passed, the same address may comment again.
    await (await db())
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '16 seconds'` })
      .where(sql`${rateLimits.key} like 'comment:address-story:%'`);
    ok(await post(articleId, { clientAddress: "192.0.2.50" }));
  });

  it("allows one address 10 comments an hour across stories, and the 11th is refused", async () => {
    const stories = [];
    for (let i = 0; i < 11; i++) stories.push(await liveStory());
    const ip = "192.0.2.77";
    const results = [];
    for (const articleId of stories) results.push(await post(articleId, { clientAddress: ip }));
    expect(results.slice(0, 10).every((r) => r.ok)).toBe(true);
    expect(code(results[10]!)).toBe("rate_limited");
    expect(await stored(stories[10]!)).toHaveLength(0);
  });

  it("holds the hourly limit under concurrency too", async () => {
    const stories = [];
    for (let i = 0; i < 12; i++) stories.push(await liveStory());
    const ip = "192.0.2.78";
    const results = await Promise.all(
      stories.flatMap((articleId) =>
        Array.from({ length: 3 }, (_, i) => post(articleId, { clientAddress: ip, body: `b${i}` })),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
  });
});

describe("moderation (editors and admins only)", () => {
  const COMMANDS = { approveComment, spamComment, deleteComment } as const;
  const expected = {
    anonymous: "unauthenticated",
    deactivated: "unauthenticated",
    reporter: "forbidden",
    editor: "ok",
    admin: "ok",
  } as const;
  const claims = (who: keyof typeof expected) =>
    who === "anonymous" ? null : { reporter, editor, admin, deactivated }[who].claims;

  for (const [name, command] of Object.entries(COMMANDS)) {
    for (const [who, outcome] of Object.entries(expected)) {
      it(`${name}: ${who} → ${outcome}`, async () => {
        const articleId = await liveStory();
        ok(await post(articleId, { body: "Moderate me" }));
        const id = await idOfBody(articleId, "Moderate me");
        const result = await command.execute(claims(who as keyof typeof expected), { id });
        expect(code(result)).toBe(outcome);
        const [row] = await stored(articleId);
        const events = await (await db())
          .select()
          .from(workflowEvents)
          .where(
            and(
              eq(workflowEvents.articleId, articleId),
              sql`${workflowEvents.action} like 'comment_%'`,
            ),
          );
        if (outcome === "ok") {
          const to = { approveComment: "approved", spamComment: "spam", deleteComment: "deleted" }[
            name
          ];
          expect(row!.status).toBe(to);
          expect(row!.moderatedAt).not.toBeNull();
          expect(events).toHaveLength(1);
          expect(events[0]).toMatchObject({
            action: `comment_${to}`,
            fromStatus: "pending",
            toStatus: to,
          });
        } else {
          expect(row!.status).toBe("pending");
          expect(row!.moderatedBy).toBeNull();
          expect(events).toHaveLength(0);
        }
      });
    }
  }

  it("setCommentsOpen: only the desk may close comments", async () => {
    const articleId = await liveStory();
    for (const who of ["anonymous", "deactivated", "reporter"] as const) {
      const result = await setCommentsOpen.execute(claims(who), { articleId, open: false });
      expect(code(result)).toBe(expected[who]);
    }
    expect((await approvedComments(articleId))?.open).toBe(true);
  });

  it("a deleted comment is gone: not moderatable again, not shown, not in the queue", async () => {
    const articleId = await liveStory();
    const id = await postApproved(articleId, "Delete me later");
    ok(await deleteComment.execute(editor.claims, { id }));
    expect(code(await approveComment.execute(editor.claims, { id }))).toBe("not_found");
    expect((await approvedComments(articleId))?.count).toBe(0);
    const queue = await moderationQueue(await actor(editor));
    expect(queue?.items.some((i) => i.id === id)).toBe(false);
  });

  it("queues the story's page for the cache purger when what readers see changes", async () => {
    const articleId = await liveStory();
    const purges = async () =>
      (await (await db()).select().from(outbox).where(eq(outbox.topic, "story.changed")))
        .map((row) => JSON.parse(row.payload) as { articleId: string; paths: string[] })
        .filter((p) => p.articleId === articleId && p.paths.length === 1);
    const before = (await purges()).length;
    ok(await post(articleId, { body: "Spam straight away" }));
    ok(
      await spamComment.execute(editor.claims, {
        id: await idOfBody(articleId, "Spam straight away"),
      }),
    );
    expect(await purges()).toHaveLength(before); // a pending comment was never on the page
    await postApproved(articleId, "Shown now");
    ok(await setCommentsOpen.execute(editor.claims, { articleId, open: false }));
    const after = await purges();
    expect(after).toHaveLength(before + 2);
    expect(after.at(-1)!.paths[0]).toMatch(/^\/politics\/[a-z0-9-]+$/);
  });

  it("repeating a decision is a no-op, and spam can be rescued", async () => {
    const articleId = await liveStory();
    const id = await postApproved(articleId, "Approve twice");
    expect(await approveComment.execute(admin.claims, { id })).toEqual({
      ok: true,
      data: { status: "approved" },
    });
    ok(await spamComment.execute(editor.claims, { id }));
    expect((await approvedComments(articleId))?.count).toBe(0);
    ok(await approveComment.execute(editor.claims, { id }));
    expect((await approvedComments(articleId))?.count).toBe(1);
  });
});

async function actor(user: TestUser): Promise<Actor> {
  return { id: user.id, role: user.role, name: "x", email: user.email };
}

describe("what readers see", () => {
  it("approved comments, threaded, with a count; pending and spam stay hidden", async () => {
    const articleId = await liveStory();
    const a = await postApproved(articleId, "First top-level");
    const b = await postApproved(articleId, "Reply to first", a);
    await postApproved(articleId, "Reply to reply", b);
    await postApproved(articleId, "Second top-level");
    ok(await post(articleId, { body: "Pending one" }));
    const spam = await postApproved(articleId, "Spam later");
    ok(await spamComment.execute(editor.claims, { id: spam }));

    const thread = await approvedComments(articleId);
    expect(thread?.count).toBe(4);
    const shape = (nodes: NonNullable<typeof thread>["comments"]): unknown =>
      nodes.map((n) => ({ body: n.body, replies: shape(n.replies) }));
    expect(shape(thread!.comments)).toEqual([
      {
        body: "First top-level",
        replies: [{ body: "Reply to first", replies: [{ body: "Reply to reply", replies: [] }] }],
      },
      { body: "Second top-level", replies: [] },
    ]);
  });

  it("nests replies at most MAX_REPLY_DEPTH deep; a reply whose parent went away stands alone", async () => {
    const articleId = await liveStory();
    let parent = await postApproved(articleId, "depth 0");
    for (let depth = 1; depth <= MAX_REPLY_DEPTH + 2; depth++) {
      parent = await postApproved(articleId, `depth ${depth}`, parent);
    }
    const thread = (await approvedComments(articleId))!;
    expect(thread.count).toBe(MAX_REPLY_DEPTH + 3);
    let level = thread.comments;
    for (let depth = 0; depth < MAX_REPLY_DEPTH; depth++) level = level[0]!.replies;
    // The deepest level holds depth MAX and everything below it, in order.
    expect(level.map((n) => n.body)).toEqual([
      `depth ${MAX_REPLY_DEPTH}`,
      `depth ${MAX_REPLY_DEPTH + 1}`,
      `depth ${MAX_REPLY_DEPTH + 2}`,
    ]);

    const orphanStory = await liveStory();
    const top = await postApproved(orphanStory, "Parent to be spammed");
    await postApproved(orphanStory, "Orphaned reply", top);
    ok(await spamComment.execute(editor.claims, { id: top }));
    const orphaned = (await approvedComments(orphanStory))!;
    expect(orphaned.comments.map((c) => c.body)).toEqual(["Orphaned reply"]);
  });

  it("never includes an email, an address hash or moderation data (key snapshot)", async () => {
    const articleId = await liveStory();
    const email = `secret-${crypto.randomUUID().slice(0, 6)}@private.example`;
    ok(await post(articleId, { body: "Top", email }));
    const top = await idOfBody(articleId, "Top");
    ok(await approveComment.execute(editor.claims, { id: top }));
    ok(await post(articleId, { body: "Reply", email, parentId: top }));
    ok(await approveComment.execute(editor.claims, { id: await idOfBody(articleId, "Reply") }));

    const thread = await approvedComments(articleId);
    const keys = new Set<string>();
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object" && !(value instanceof Date)) {
        for (const [k, v] of Object.entries(value)) {
          keys.add(k);
          walk(v);
        }
      }
    };
    walk(thread);
    expect([...keys].sort()).toEqual([
      "authorName",
      "body",
      "comments",
      "count",
      "createdAt",
      "id",
      "open",
      "replies",
    ]);
    const text = JSON.stringify(thread);
    expect(text).not.toContain(email);
    expect(text).not.toContain("@private.example");
    expect(await approvedComments(crypto.randomUUID())).toBeNull();
    expect(await approvedComments("junk")).toBeNull();
  });

  it("shows nothing for a story that is no longer live", async () => {
    const articleId = await liveStory();
    await postApproved(articleId, "Visible while live");
    await advance(articleId, [{ name: "unpublish", as: editor }], "published");
    expect(await approvedComments(articleId)).toBeNull();
  });
});

describe("closing comments", () => {
  it("setCommentsOpen closes posting on the story and in the read model, audited; reopening works", async () => {
    const articleId = await liveStory();
    ok(await post(articleId));
    expect(await setCommentsOpen.execute(editor.claims, { articleId, open: false })).toEqual({
      ok: true,
      data: { open: false },
    });
    const [live] = await (await db())
      .select()
      .from(publishedArticles)
      .where(eq(publishedArticles.articleId, articleId));
    expect(live!.commentsOpen).toBe(false);
    expect((await approvedComments(articleId))?.open).toBe(false);

    const refused = await post(articleId);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "conflict", message: COMMENT_FAILURES.closed },
    });
    expect(await stored(articleId)).toHaveLength(1);

    ok(await setCommentsOpen.execute(admin.claims, { articleId, open: true }));
    ok(await post(articleId));
    const actions = (
      await (
        await db()
      )
        .select({ action: workflowEvents.action })
        .from(workflowEvents)
        .where(eq(workflowEvents.articleId, articleId))
    ).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["comments_closed", "comments_opened"]));
  });

  it("stays closed when the story is unpublished and published again", async () => {
    const articleId = await liveStory();
    ok(await setCommentsOpen.execute(editor.claims, { articleId, open: false }));
    await advance(articleId, [{ name: "unpublish", as: editor }], "published");
    expect(code(await post(articleId))).toBe("not_found");
    // Closing works on a story that is not live, too.
    ok(await setCommentsOpen.execute(editor.claims, { articleId, open: false }));
    await advance(articleId, [{ name: "publish", as: editor }], "unpublished");
    expect(code(await post(articleId))).toBe("conflict");
  });

  it("refuses malformed input and unknown stories", async () => {
    expect(
      code(await setCommentsOpen.execute(editor.claims, { articleId: "x", open: false })),
    ).toBe("invalid");
    expect(
      code(
        await setCommentsOpen.execute(editor.claims, {
          articleId: crypto.randomUUID(),
          open: false,
        }),
      ),
    ).toBe("not_found");
    expect(
      code(
        await setCommentsOpen.execute(editor.claims, {
          articleId: crypto.randomUUID(),
          open: "no",
        }),
      ),
    ).toBe("invalid");
  });
});

describe("the moderation queue and the header count", () => {
  it("lists pending first, newest first, with emails for moderators only, paginated", async () => {
    const articleId = await liveStory();
    const approvedId = await postApproved(articleId, "Old approved");
    ok(await post(articleId, { body: "Pending older" }));
    await new Promise((r) => setTimeout(r, 5));
    ok(await post(articleId, { body: "Pending newer", email: "moderator-only@example.com" }));
    const queue = (await moderationQueue(await actor(editor)))!;
    // Every visible comment appears exactly once across the pages, in the queue's order.
    const all = [];
    for (let page = 1; page <= queue.pageCount; page++) {
      const p = (await moderationQueue(await actor(editor), page))!;
      expect(p.items.length).toBeLessThanOrEqual(QUEUE_PAGE_SIZE);
      all.push(...p.items);
    }
    expect(new Set(all.map((i) => i.id)).size).toBe(queue.total);
    expect(all).toHaveLength(queue.total);
    const ours = all.filter((i) => i.articleId === articleId);
    expect(ours.map((i) => i.body)).toEqual(["Pending newer", "Pending older", "Old approved"]);
    expect(ours[0]).toMatchObject({
      authorEmail: "moderator-only@example.com",
      status: "pending",
      articlePath: expect.stringMatching(/^\/politics\//),
    });
    expect(ours.find((i) => i.id === approvedId)?.status).toBe("approved");
    const firstNonPending = all.findIndex((i) => i.status !== "pending");
    const lastPending = all.map((i) => i.status).lastIndexOf("pending");
    expect(firstNonPending === -1 || lastPending < firstNonPending).toBe(true);
    const pendingTimes = all
      .filter((i) => i.status === "pending")
      .map((i) => i.createdAt.getTime());
    expect(pendingTimes).toEqual([...pendingTimes].sort((a, b) => b - a));

    expect(await moderationQueue(await actor(reporter))).toBeNull();
    expect(await moderationQueue(null)).toBeNull();
    expect(await pendingCommentCount(await actor(reporter))).toBeNull();

    const pending = await pendingCommentCount(await actor(editor));
    const [row] = await (await db())
      .select({ n: count() })
      .from(comments)
      .where(eq(comments.status, "pending"));
    expect(pending).toBe(row!.n);

    // Out-of-range pages are clamped, never an error.
    expect((await moderationQueue(await actor(editor), 10_000))?.page).toBe(queue.pageCount);
    expect((await moderationQueue(await actor(editor), Number.NaN))?.page).toBe(1);
  });

  it("lists live stories with their comment setting for moderators only", async () => {
    const articleId = await liveStory();
    ok(await post(articleId));
    const settings = (await storyCommentSettings(await actor(editor)))!;
    expect(settings.find((s) => s.articleId === articleId)).toMatchObject({
      open: true,
      pending: 1,
    });
    expect(await storyCommentSettings(await actor(reporter))).toBeNull();
  });
});

describe("the addresses rate limits are keyed on", () => {
  it("takes a single forwarded address (Next's socket address) without a proxy, else one bucket", () => {
    const headers = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});
    expect(config().trustProxy).toBe(false);
    expect(clientAddress(headers("203.0.113.9"))).toBe("203.0.113.9");
    expect(clientAddress(headers("::ffff:203.0.113.9"))).toBe("203.0.113.9");
    expect(clientAddress(headers("1.1.1.1, 203.0.113.9"))).toBe("direct");
    expect(clientAddress(headers("garbage"))).toBe("direct");
    expect(clientAddress(headers())).toBe("direct");
  });

  it("with TRUST_PROXY, believes only the right-most hop (the one our proxy added)", () => {
    const store = globalThis as unknown as { __newsroomConfig: ReturnType<typeof config> };
    const saved = store.__newsroomConfig;
    store.__newsroomConfig = { ...saved, trustProxy: true };
    try {
      const h = (init: Record<string, string>) => new Headers(init);
      expect(clientAddress(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }))).toBe("203.0.113.9");
      expect(clientAddress(h({ "x-real-ip": "203.0.113.10" }))).toBe("203.0.113.10");
    } finally {
      store.__newsroomConfig = saved;
    }
  });

  it("buckets IPv6 by /64", () => {
    expect(normaliseAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(normaliseAddress("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(normaliseAddress("::1")).toBe("0:0:0:0::/64");
    expect(normaliseAddress("[2001:db8::1]")).toBe("2001:db8:0:0::/64");
    expect(normaliseAddress("1.2.3.4.5")).toBeNull();
  });
});

describe("the route handler (THREATS 19, 20)", () => {
  const site = () => new URL(config().siteUrl).origin;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  function request(body: string, headers: Record<string, string>) {
    return new Request(`${site()}/api/comments`, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": freshAddress(),
        ...headers,
      },
    });
  }
  const fields = (articleId: string, extra: Record<string, string> = {}) => ({
    articleId,
    name: "Route Reader",
    email: "route@example.com",
    body: `Through the route ${crypto.randomUUID()}`,
    website: "",
    ...extra,
  });

  it("refuses a post without Origin or from another origin, and text/plain", async () => {
    const articleId = await liveStory();
    const body = form(fields(articleId));
    expect((await POST(request(body, {}))).status).toBe(403);
    expect((await POST(request(body, { origin: "https://evil.example" }))).status).toBe(403);
    expect((await POST(request(body, { "sec-fetch-site": "cross-site" }))).status).toBe(403);
    const plain = await POST(
      request(body, { origin: site(), "content-type": "text/plain", accept: "application/json" }),
    );
    expect(plain.status).toBe(422);
    expect(await stored(articleId)).toHaveLength(0);
  });

  it("redirects a plain form post back to the story (303), and answers JSON when asked", async () => {
    const articleId = await liveStory();
    const res = await POST(request(form(fields(articleId)), { origin: site() }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/politics\/[^?]+\?comment=pending#comments$/);

    const asJson = await POST(
      request(form(fields(articleId)), { origin: site(), accept: "application/json" }),
    );
    expect(asJson.status).toBe(202);
    expect(await asJson.json()).toEqual({ ok: true, message: PENDING_MESSAGE });
    expect(await stored(articleId)).toHaveLength(2);
  });

  it("sends failures back as a reason code, never as free text", async () => {
    const articleId = await liveStory();
    const res = await POST(
      request(form(fields(articleId, { body: "" })), { "sec-fetch-site": "same-origin" }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(
      /\?comment=error&reason=body_missing#leave-a-reply$/,
    );
    const json = await POST(
      request(form(fields(articleId, { email: "nope" })), {
        origin: site(),
        accept: "application/json",
      }),
    );
    expect(json.status).toBe(422);
    expect(await json.json()).toMatchObject({
      ok: false,
      reason: "email_invalid",
      message: COMMENT_FAILURES.email_invalid,
    });
  });

  it("refuses a 100 KB post as too large (413) before reading it into a comment", async () => {
    const articleId = await liveStory();
    const body = form(fields(articleId, { body: "x".repeat(100_000) }));
    const json = await POST(request(body, { origin: site(), accept: "application/json" }));
    expect(json.status).toBe(413);
    expect(await json.json()).toMatchObject({ reason: "too_large" });
    const html = await POST(
      request(body, { origin: site(), referer: `${site()}/politics/some-story?x=1` }),
    );
    expect(html.status).toBe(303);
    expect(html.headers.get("location")).toBe(
      "/politics/some-story?comment=error&reason=too_large#leave-a-reply",
    );
    expect(await stored(articleId)).toHaveLength(0);
  });

  it("answers 429 with Retry-After to a second post within 15 s from one address", async () => {
    const articleId = await liveStory();
    const headers = { origin: site(), accept: "application/json", "x-forwarded-for": "192.0.2.99" };
    expect((await POST(request(form(fields(articleId)), headers))).status).toBe(202);
    const second = await POST(request(form(fields(articleId)), headers));
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("answers 404 for a story that is not live", async () => {
    const draft = await writeStory(reporter);
    const res = await POST(request(form(fields(draft.id)), { origin: site() }));
    expect(res.status).toBe(404);
    expect(await res.text()).toContain(COMMENT_FAILURES.not_found);
  });
});

describe("display helpers (THREATS 17, 39)", () => {
  it("strips bidi embedding, override and isolate controls", () => {
    expect(stripBidiControls("abc\u202Efdp.exe\u202C \u2066x\u2069 \u202Ay")).toBe(
      "abcfdp.exe x y",
    );
  });

  it("links only http(s) URLs, trimming sentence punctuation", () => {
    expect(
      linkify("see https://example.com/a_(b). and javascript:alert(1) or http://x.test/?q=1,"),
    ).toEqual([
      { kind: "text", text: "see " },
      { kind: "link", text: "https://example.com/a_(b)", href: "https://example.com/a_(b)" },
      { kind: "text", text: ". and javascript:alert(1) or " },
      { kind: "link", text: "http://x.test/?q=1", href: "http://x.test/?q=1" },
      { kind: "text", text: "," },
    ]);
    expect(linkify('<a href="javascript:alert(1)">x</a>')).toEqual([
      { kind: "text", text: '<a href="javascript:alert(1)">x</a>' },
    ]);
    expect(linkify("data:text/html,<script>")).toEqual([
      { kind: "text", text: "data:text/html,<script>" },
    ]);
    expect(linkify("(https://example.com)")).toEqual([
      { kind: "text", text: "(" },
      { kind: "link", text: "https://example.com", href: "https://example.com/" },
      { kind: "text", text: ")" },
    ]);
  });
});

describe("the comments section as readers get it (static HTML)", () => {
  it("renders hostile comments inert, links safely, strips bidi controls, never shows emails", async () => {
    const articleId = await liveStory();
    const email = "hidden-address@private.example";
    const hostile = [
      "<script>alert(1)</script><img src=x onerror=alert(2)>",
      "see javascript:alert(3) and https://example.com/ok and [x](javascript:alert(4))",
      "RTL \u202Egpj.exe\u202C end",
    ];
    for (const body of hostile) {
      ok(await post(articleId, { body, email, name: "Eve \u202Eevil\u202C" }));
      ok(await approveComment.execute(editor.claims, { id: await idOfBody(articleId, body) }));
    }
    const data = await commentsSection({ articleId, commentsOpen: true }, "/politics/story");
    const html = renderToStaticMarkup(CommentsSection(data!));
    expect(html).toContain("3 comments");
    expect(html).not.toContain(email);
    expect(html).not.toMatch(/<script>|<img|<[^>]*\son\w+=|href="javascript/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('<a href="https://example.com/ok" rel="nofollow ugc noopener">');
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(html).toContain("gpj.exe");
    // The only script is the form's own enhancement, from this site.
    expect(html.match(/<script[^>]*>/g)).toEqual([
      expect.stringMatching(/^<script src="\/assets\/comments\.js\?v=[\w-]+" defer="">$/),
    ]);
    expect(html).toContain('name="website"');
    expect(html).toMatch(/aria-hidden="true"><label for="comment-website">Leave this field empty/);
    const trap = html.match(/<input id="comment-website"[^>]*>/)?.[0] ?? "";
    expect(trap).toMatch(/\stabindex="-1"/);
    expect(trap).toMatch(/\sautocomplete="off"/i);
    expect(trap).toMatch(/\sname="website"/);
  });

  it("shows the no-JavaScript outcome and the reply target from the query, only from fixed texts", async () => {
    const articleId = await liveStory();
    const parent = await postApproved(articleId, "Reply to me");
    const render = async (query: string, open = true) =>
      renderToStaticMarkup(
        CommentsSection(
          (await commentsSection(
            { articleId, commentsOpen: open },
            "/p/s",
            new URLSearchParams(query),
          ))!,
        ),
      );
    expect(await render("comment=pending")).toContain(
      '<p role="status" class="notice comment-notice">Your comment is awaiting moderation</p>',
    );
    expect(await render("comment=error&reason=rate_limited")).toContain(
      COMMENT_FAILURES.rate_limited,
    );
    const forged = await render("comment=error&reason=Call+0800+now");
    expect(forged).toContain(COMMENT_FAILURES.error);
    expect(forged).not.toContain("0800");
    const reply = await render(`replyto=${parent}`);
    expect(reply).toContain(`<input type="hidden" name="parentId" value="${parent}"/>`);
    expect(reply).toContain("Name of Reply to me");
    expect(await render(`replyto=${crypto.randomUUID()}`)).not.toContain('name="parentId"');
    const closed = await render(`replyto=${parent}`, false);
    expect(closed).toContain("Comments are closed.");
    expect(closed).not.toContain("<form");
    expect(closed).not.toContain("?replyto=");
  });
});
