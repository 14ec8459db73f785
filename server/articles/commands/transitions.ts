import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { articles } from "@/db/schema";
import { ARTICLE_STATUSES } from "@/lib/workflow/states";
import { recordEvent } from "../../audit";
import { type Command, defineCommand, id } from "../../command";
import { AppError } from "../../errors";
import { cleanText } from "../input";
import { articleScope, type LoadedArticle, lockArticle } from "../load";
import { removePublishedCopy, writePublishedCopy } from "../publication";
import { staleMessage, TRANSITIONS, type Transition, type TransitionName } from "../workflow";

const transitionInput = z.strictObject({
  id,
  /** The state the person saw when they clicked: if it moved on, the click is refused. */
  fromStatus: z.enum(ARTICLE_STATUSES),
  note: cleanText(5_000, "Note").default(""),
});

function assertReadyForReview({ working }: LoadedArticle) {
  if (!working?.headline || working.wordCount === 0) {
    throw new AppError("invalid", "A story needs a headline and some body text before review.");
  }
}

/** Side effects that belong to a transition, run inside its transaction. */
async function effects(
  name: TransitionName,
  tx: Parameters<Parameters<typeof defineCommand>[0]["run"]>[0]["tx"],
  loaded: LoadedArticle,
  now: Date,
): Promise<Partial<typeof articles.$inferInsert>> {
  const { article, working } = loaded;
  switch (name) {
    case "submit":
      assertReadyForReview(loaded);
      return { submittedAt: now };
    case "publish":
      if (!working) throw new AppError("invalid", "There is nothing to publish yet.");
      await writePublishedCopy(tx, article, working, now);
      return {
        publishedRevisionId: working.id,
        firstPublishedAt: article.firstPublishedAt ?? now,
        lastPublishedAt: now,
      };
    case "unpublish":
      await removePublishedCopy(tx, article.id);
      return {};
    default:
      return {};
  }
}

function transitionCommand(name: TransitionName) {
  const t: Transition = TRANSITIONS[name];
  return defineCommand({
    name: `${name}Article`,
    permission: t.permission,
    input: transitionInput,
    load: lockArticle,
    scope: articleScope,
    async run({ actor, tx, resource }, input) {
      const { article } = resource;
      if (article.status !== input.fromStatus || !t.from.includes(article.status)) {
        throw new AppError("stale_state", staleMessage(article.status));
      }
      if (t.requiresNote && !input.note) {
        throw new AppError("invalid", "Write a note so the reporter knows what to change.", {
          fields: { note: "A note is required." },
        });
      }
      const now = new Date();
      const extra = await effects(name, tx, resource, now);
      await tx
        .update(articles)
        .set({ status: t.to, updatedAt: now, ...extra })
        .where(eq(articles.id, article.id));
      await recordEvent(tx, {
        articleId: article.id,
        actorId: actor!.id,
        action: t.audit,
        fromStatus: article.status,
        toStatus: t.to,
        note: input.note,
      });
      return { status: t.to };
    },
  });
}

export const submitArticle = transitionCommand("submit");
export const requestChangesArticle = transitionCommand("requestChanges");
export const approveArticle = transitionCommand("approve");
export const publishArticle = transitionCommand("publish");
export const unpublishArticle = transitionCommand("unpublish");

export const TRANSITION_COMMANDS: Record<TransitionName, Command> = {
  submit: submitArticle,
  requestChanges: requestChangesArticle,
  approve: approveArticle,
  publish: publishArticle,
  unpublish: unpublishArticle,
} as Record<TransitionName, Command>;
