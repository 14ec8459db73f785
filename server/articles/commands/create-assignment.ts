import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { articleAuthors, articles, users } from "@/db/schema";
import { EMPTY_DOC } from "@/lib/content/types";
import { zonedLocalToUtc } from "@/lib/time";
import { recordEvent } from "../../audit";
import { defineCommand } from "../../command";
import { config } from "../../config";
import { AppError } from "../../errors";
import { notifyUsers } from "../../notifications/notify";
import { cleanText, headline } from "../input";
import { appendRevision, assertSection } from "../revision";
import { uniqueSlug } from "../slug";

/**
 * An editor opens a story slot for a reporter: a Draft with a working headline, section,
 * deadline and brief, bylined to the reporter, who sees it on their dashboard.
 */
export const createAssignment = defineCommand({
  name: "createAssignment",
  permission: "article.review",
  input: z.strictObject({
    headline,
    sectionId: z.uuid({ message: "Choose a section." }),
    assigneeId: z.uuid({ message: "Choose a reporter." }),
    deadline: z.string().max(40),
    brief: cleanText(5_000, "Brief").default(""),
  }),
  async run({ actor, tx }, input) {
    const deadline = zonedLocalToUtc(input.deadline, config().timeZone);
    if (!deadline) {
      throw new AppError("invalid", "Enter a deadline.", {
        fields: { deadline: "Enter a date and time." },
      });
    }
    await assertSection(tx, input.sectionId);
    const [assignee] = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.id, input.assigneeId), eq(users.active, true)));
    if (!assignee) {
      throw new AppError("invalid", "Choose an active member of staff.", {
        fields: { assigneeId: "Choose an active member of staff." },
      });
    }
    const slug = await uniqueSlug(tx, input.headline);
    const [row] = await tx
      .insert(articles)
      .values({
        slug,
        createdBy: actor!.id,
        assigneeId: assignee.id,
        assignedBy: actor!.id,
        deadline,
        brief: input.brief,
      })
      .returning({ id: articles.id });
    const id = row!.id;
    await tx.insert(articleAuthors).values({ articleId: id, userId: assignee.id, position: 0 });
    const revision = await appendRevision(
      tx,
      id,
      {
        headline: input.headline,
        standfirst: "",
        dateline: "",
        source: "",
        sectionId: input.sectionId,
        body: EMPTY_DOC,
      },
      "manual",
      actor!.id,
    );
    await tx.update(articles).set({ workingRevisionId: revision.id }).where(eq(articles.id, id));
    await recordEvent(tx, {
      articleId: id,
      actorId: actor!.id,
      action: "assigned",
      toStatus: "draft",
      note: input.brief,
      detail: { assigneeId: assignee.id, deadline: deadline.toISOString() },
    });
    await notifyUsers(tx, [assignee.id], {
      kind: "assigned",
      articleId: id,
      actorId: actor!.id,
      message: `${actor!.name} assigned you: ${input.headline}`,
      dedupeKey: `assigned:${id}`,
    });
    return { id };
  },
});
