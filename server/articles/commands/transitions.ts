import "server-only";
import { z } from "zod";
import { zonedLocalToUtc } from "@/lib/time";
import { ARTICLE_STATUSES } from "@/lib/workflow/states";
import { type Command, defineCommand, id } from "../../command";
import { config } from "../../config";
import { cleanText } from "../input";
import { articleScope, lockArticle } from "../load";
import { applyTransition } from "../transition";
import { TRANSITION_NAMES, TRANSITIONS, type Transition, type TransitionName } from "../workflow";

/** A time typed in the newsroom's zone ("2026-11-27T14:30") or an ISO instant with zone. */
const publishAt = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const date = /[zZ]|[+-]\d\d:\d\d$/.test(value)
      ? new Date(value)
      : zonedLocalToUtc(value, config().timeZone);
    if (!date || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a date and time." });
      return z.NEVER;
    }
    return date;
  });

const transitionInput = z.strictObject({
  id,
  /** The state the person saw when they clicked: if it moved on, the click is refused. */
  fromStatus: z.enum(ARTICLE_STATUSES),
  note: cleanText(5_000, "Note").default(""),
  publishAt: publishAt.optional(),
  correction: z
    .strictObject({
      kind: z.enum(["correction", "clarification", "update"]),
      note: cleanText(2_000, "Correction note"),
    })
    .optional(),
});

function transitionCommand(name: TransitionName) {
  const t: Transition = TRANSITIONS[name];
  return defineCommand({
    name: `${name}Article`,
    permission: t.permission,
    input: transitionInput,
    load: lockArticle,
    scope: articleScope,
    run: ({ actor, tx, resource }, input) =>
      applyTransition(tx, actor, resource, name, {
        fromStatus: input.fromStatus,
        note: input.note,
        publishAt: input.publishAt ?? null,
        correction: input.correction?.note ? input.correction : null,
      }),
  });
}

/** One command per transition of the state machine, named `${transition}Article`. */
export const TRANSITION_COMMANDS = Object.fromEntries(
  TRANSITION_NAMES.map((name) => [name, transitionCommand(name)]),
) as unknown as Record<TransitionName, Command>;

export const submitArticle = TRANSITION_COMMANDS.submit;
export const requestChangesArticle = TRANSITION_COMMANDS.requestChanges;
export const approveArticle = TRANSITION_COMMANDS.approve;
export const publishArticle = TRANSITION_COMMANDS.publish;
export const unpublishArticle = TRANSITION_COMMANDS.unpublish;
