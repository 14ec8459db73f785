import "server-only";
import crypto from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { articles, comments, publishedArticles } from "@/db/schema";
import { COMMENT_LIMITS, COMMENT_FAILURES as M } from "@/lib/comments/messages";
import { defineCommand } from "../command";
import { AppError } from "../errors";
import { hit } from "../rate-limit";
import { hashClientAddress } from "./client-address";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Control characters (C0, DEL, C1) other than tab and line feed: never meaningful here. */
const CONTROLS = /[^\P{Cc}\t\n]/gu;

/**
 * Posting limits. The first two are per address (see server/http/client-address.ts for how
 * it is found); the last two ignore addresses, so that someone forging X-Forwarded-For to get
 * a fresh bucket per request still cannot flood a story or the moderation queue.
 */
export const COMMENT_RATE_LIMITS = {
  addressPerStory: { limit: 1, windowSeconds: 15 },
  addressPerHour: { limit: 10, windowSeconds: 3_600 },
  storyPerTenMinutes: { limit: 60, windowSeconds: 600 },
  sitePerHour: { limit: 600, windowSeconds: 3_600 },
} as const;

/** Reader text: NUL refused, lone surrogates replaced, line ends unified, NFC, trimmed. */
const readerText = (invalid: string) =>
  z
    .string({ message: invalid })
    .refine((s) => !s.includes("\u0000"), invalid)
    .transform((s) =>
      s.toWellFormed().replace(/\r\n?/g, "\n").normalize("NFC").replace(CONTROLS, "").trim(),
    );

const input = z.strictObject({
  /** Checked in load: a malformed id is simply a story that is not there. */
  articleId: z.string().max(100),
  /** The approved comment this replies to; "" (the form's empty hidden field) means none. */
  parentId: z
    .string()
    .max(100)
    .optional()
    .transform((s) => s || undefined),
  name: readerText(M.name_invalid)
    .transform((s) => s.replace(/\s+/g, " "))
    .pipe(z.string().min(1, M.name_missing).max(COMMENT_LIMITS.nameMax, M.name_long)),
  email: z
    .string({ message: M.email_invalid })
    .trim()
    .max(COMMENT_LIMITS.emailMax, M.email_invalid)
    .pipe(z.email({ message: M.email_invalid })),
  body: readerText(M.body_invalid).pipe(
    z.string().min(1, M.body_missing).max(COMMENT_LIMITS.bodyMax, M.body_long),
  ),
  /** The honeypot: people never see it, so anything in it was typed by a bot. */
  website: z.string().max(10_000).default(""),
  /** Set by the route handler from the connection (never from the form); hashed, not stored. */
  clientAddress: z.string().min(1).max(100),
});

/** The same answer for a stored comment and for a bot's, so the honeypot stays secret. */
const ACCEPTED = { status: "pending" } as const;

/** sha256 of the body as compared for duplicates: case and spacing do not make it new. */
export function commentBodyHash(body: string): string {
  const canonical = body.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  return crypto.createHash("sha256").update(canonical).digest("hex");
}

async function liveStory(tx: Executor, articleId: string) {
  if (!UUID.test(articleId)) return null;
  const [row] = await tx
    .select({
      articleId: publishedArticles.articleId,
      // Both flags: the read model's, and the story's own (which survives a republish).
      open: sql<boolean>`(${publishedArticles.commentsOpen} and ${articles.commentsOpen})`,
    })
    .from(publishedArticles)
    .innerJoin(articles, eq(articles.id, publishedArticles.articleId))
    .where(eq(publishedArticles.articleId, articleId))
    .limit(1);
  return row ?? null;
}

async function limit(tx: Executor, key: string, rule: { limit: number; windowSeconds: number }) {
  const decision = await hit(tx, key, rule.limit, rule.windowSeconds);
  if (!decision.allowed) {
    throw new AppError("rate_limited", M.rate_limited, {
      detail: { retryAfterSeconds: decision.retryAfterSeconds },
    });
  }
}

/**
 * A reader posts a comment on a live story; it waits for moderation. Everything runs in
 * the command's one transaction: the rate-limit counters are upserted first (each takes
 * the counter's row lock until commit, so concurrent posts from one address queue up and
 * each sees the count before it), then a transaction-scoped advisory lock on
 * (story, body hash) makes the duplicate check exact under concurrency. A refused post
 * rolls everything back, its counter increments included.
 */
export const postComment = defineCommand({
  name: "postComment",
  permission: "public",
  input,
  load: (tx, data) => liveStory(tx, data.articleId),
  async run({ tx, resource: story }, data) {
    if (!story.open) throw new AppError("conflict", M.closed);
    if (data.website.trim() !== "") return ACCEPTED;

    if (data.parentId) {
      const [parent] = UUID.test(data.parentId)
        ? await tx
            .select({ id: comments.id })
            .from(comments)
            .where(
              and(
                eq(comments.id, data.parentId),
                eq(comments.articleId, story.articleId),
                eq(comments.status, "approved"),
              ),
            )
            .limit(1)
        : [];
      if (!parent) throw new AppError("invalid", M.parent, { fields: { parentId: M.parent } });
    }

    const ipHash = hashClientAddress(data.clientAddress);
    const R = COMMENT_RATE_LIMITS;
    await limit(tx, `comment:address-story:${ipHash}:${story.articleId}`, R.addressPerStory);
    await limit(tx, `comment:address:${ipHash}`, R.addressPerHour);
    await limit(tx, `comment:story:${story.articleId}`, R.storyPerTenMinutes);
    await limit(tx, "comment:site", R.sitePerHour);

    const bodyHash = commentBodyHash(data.body);
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`comment:${story.articleId}:${bodyHash}`}, 0))`,
    );
    const [duplicate] = await tx
      .select({ id: comments.id })
      .from(comments)
      .where(
        and(
          eq(comments.articleId, story.articleId),
          eq(comments.bodyHash, bodyHash),
          gt(comments.createdAt, sql`now() - interval '24 hours'`),
        ),
      )
      .limit(1);
    if (duplicate) throw new AppError("conflict", M.duplicate, { fields: { body: M.duplicate } });

    await tx.insert(comments).values({
      articleId: story.articleId,
      parentId: data.parentId ?? null,
      authorName: data.name,
      authorEmail: data.email,
      body: data.body,
      bodyHash,
      ipHash,
      status: "pending",
    });
    return ACCEPTED;
  },
});
