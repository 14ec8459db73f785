import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { articles, corrections, editorialNotes } from "@/db/schema";
import { missingAltText, missingAltTextMessage } from "@/lib/media/missing-alt-text";
import { STATUS_LABELS } from "@/lib/workflow/states";
import { recordEvent } from "../audit";
import { recordReaderChange } from "../cache/record-change";
import { type LiveCopy, liveCopy, storyInvalidation } from "../cache/story-pages";
import { AppError } from "../errors";
import { bylineIds, editorIds, notifyUsers } from "../notifications/notify";
import type { Actor } from "../policy";
import { articleScope, type LoadedArticle } from "./load";
import { removePublishedCopy, writePublishedCopy } from "./publication";
import { appendRevision } from "./revision";
import {
  staleMessage,
  startsFrom,
  TRANSITIONS,
  type Transition,
  type TransitionName,
} from "./workflow";

export type TransitionOptions = {
  fromStatus: string;
  note: string;
  publishAt?: Date | null;
  correction?: { kind: "correction" | "clarification" | "update"; note: string } | null;
};

type ArticlePatch = Partial<typeof articles.$inferInsert>;

function assertReadyForReview({ working }: LoadedArticle) {
  if (!working?.headline || working.wordCount === 0) {
    throw new AppError("invalid", "A story needs a headline and some body text before review.");
  }
  const missing = missingAltText(working.body);
  if (missing > 0) throw new AppError("invalid", missingAltTextMessage(missing));
}

/**
 * Records, in the publishing transaction, every reader page the change alters (computed from
 * the live copy before and after it) for the caches: the outbox row the cache-front consumer
 * bans from, and the NOTIFY every instance drops its cached pages by (server/cache/).
 */
async function recordStoryChange(tx: Executor, articleId: string, before: LiveCopy | null) {
  const after = await liveCopy(tx, articleId);
  await recordReaderChange(tx, storyInvalidation(articleId, before, after), { articleId });
}

/** What a transition does besides changing status, inside its transaction. */
async function effects(
  name: TransitionName,
  tx: Executor,
  actor: Actor | null,
  loaded: LoadedArticle,
  options: TransitionOptions,
  now: Date,
): Promise<ArticlePatch> {
  const { article, working } = loaded;
  switch (name) {
    case "submit":
      assertReadyForReview(loaded);
      return { submittedAt: now };
    case "submitUpdate":
      assertReadyForReview(loaded);
      return { updateStatus: "in_review", submittedAt: now };
    case "requestChanges":
    case "requestUpdateChanges":
      await tx.insert(editorialNotes).values({
        articleId: article.id,
        authorId: actor!.id,
        kind: "changes_requested",
        body: options.note,
      });
      return name === "requestChanges" ? { scheduledFor: null } : { updateStatus: "editing" };
    case "schedule": {
      const at = options.publishAt;
      if (!at || at.getTime() <= now.getTime()) {
        throw new AppError("invalid", "Choose a publication time in the future.", {
          fields: { publishAt: "Choose a time in the future." },
        });
      }
      return { scheduledFor: at };
    }
    case "cancelSchedule":
    case "spike":
      return { scheduledFor: null };
    case "publish":
    case "publishUpdate": {
      if (!working) throw new AppError("invalid", "There is nothing to publish yet.");
      const before = await liveCopy(tx, article.id);
      await writePublishedCopy(tx, article, working, now);
      if (name === "publishUpdate" && options.correction?.note) {
        await tx.insert(corrections).values({
          articleId: article.id,
          revisionId: working.id,
          kind: options.correction.kind,
          note: options.correction.note,
          createdBy: actor!.id,
        });
      }
      await recordStoryChange(tx, article.id, before);
      return {
        publishedRevisionId: working.id,
        firstPublishedAt: article.firstPublishedAt ?? now,
        lastPublishedAt: now,
        scheduledFor: null,
        unpublishedAt: null,
        updateStatus: null,
      };
    }
    case "discardUpdate": {
      const published = article.publishedRevisionId;
      const [live] = published
        ? await tx.query.articleRevisions.findMany({
            where: (r, { eq: is }) => is(r.id, published),
            limit: 1,
          })
        : [];
      if (!live) throw new AppError("invalid", "There is no published version to go back to.");
      const copy = await appendRevision(
        tx,
        article.id,
        {
          headline: live.headline,
          standfirst: live.standfirst,
          dateline: live.dateline,
          source: live.source,
          sectionId: live.sectionId,
          body: live.body,
        },
        "restore",
        actor!.id,
      );
      // The live address stays too: a slug changed in the discarded update goes with it.
      const liveNow = await liveCopy(tx, article.id);
      return {
        workingRevisionId: copy.id,
        ...(liveNow ? { slug: liveNow.slug } : {}),
        updateStatus: null,
        version: sql`${articles.version} + 1` as never,
      };
    }
    case "unpublish": {
      const before = await liveCopy(tx, article.id);
      await removePublishedCopy(tx, article.id);
      await recordStoryChange(tx, article.id, before);
      return { unpublishedAt: now, updateStatus: null };
    }
    default:
      return {};
  }
}

async function notifyFor(
  tx: Executor,
  t: Transition,
  actor: Actor | null,
  loaded: LoadedArticle,
  now: Date,
) {
  if (!t.notify) return;
  const headline = loaded.working?.headline ?? "a story";
  const who = actor?.name ?? "The scheduler";
  const recipients =
    t.notify === "editors" ? await editorIds(tx) : await bylineIds(tx, loaded.article.id);
  await notifyUsers(tx, recipients, {
    kind: t.audit,
    articleId: loaded.article.id,
    actorId: actor?.id ?? null,
    message: `${who}: ${headline} — ${t.label.toLowerCase()} (${STATUS_LABELS[t.to]})`,
    // One notification per story, event and revision, whoever (or whichever worker) fires it.
    dedupeKey: `${t.audit}:${loaded.article.id}:${loaded.working?.id ?? ""}:${t.audit === "scheduled" ? now.getTime() : ""}`,
  });
}

/**
 * Fires a transition on a story already loaded with its row lock: checks it starts from the
 * state the person saw, applies its effects, status and audit row — all in the caller's
 * transaction, so they commit together or not at all. `actor` is null for the scheduler.
 */
export async function applyTransition(
  tx: Executor,
  actor: Actor | null,
  loaded: LoadedArticle,
  name: TransitionName,
  options: TransitionOptions,
  now = new Date(),
): Promise<{ status: string }> {
  const t: Transition = TRANSITIONS[name];
  const { article } = loaded;
  if (article.status !== options.fromStatus || !startsFrom(t, articleScope(loaded))) {
    throw new AppError("stale_state", staleMessage(article.status));
  }
  if (t.requiresNote && !options.note) {
    throw new AppError("invalid", "Write a note so the reporter knows what to change.", {
      fields: { note: "A note is required." },
    });
  }
  const patch = await effects(name, tx, actor, loaded, options, now);
  await tx
    .update(articles)
    .set({ status: t.to, updatedAt: now, ...patch })
    .where(eq(articles.id, article.id));
  await recordEvent(tx, {
    articleId: article.id,
    actorId: actor?.id ?? null,
    action: t.audit,
    fromStatus: article.status,
    toStatus: t.to,
    note: options.note || options.correction?.note || "",
    detail: options.publishAt ? { publishAt: options.publishAt.toISOString() } : undefined,
  });
  await notifyFor(tx, t, actor, loaded, now);
  return { status: t.to };
}
