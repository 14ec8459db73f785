"use server";

/**
 * Every staff server action. Each is a one-liner over a command (server/), which checks
 * the policy table itself: these exports are reachable by direct POST and trust nothing.
 */
import { runAction, runQuery } from "@/server/actions";
import { createArticle as createArticleCommand } from "@/server/articles/commands/create-article";
import { createAssignment as createAssignmentCommand } from "@/server/articles/commands/create-assignment";
import {
  claimEditLock as claimEditLockCommand,
  releaseEditLock as releaseEditLockCommand,
} from "@/server/articles/commands/edit-lock";
import { saveArticle as saveArticleCommand } from "@/server/articles/commands/save-article";
import { setBylines as setBylinesCommand } from "@/server/articles/commands/set-bylines";
import { setArticleSlug as setArticleSlugCommand } from "@/server/articles/commands/set-slug";
import { setArticleTags as setArticleTagsCommand } from "@/server/articles/commands/set-tags";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import { getEditorView } from "@/server/articles/queries/editor-view";
import {
  findPublishedByHeadline,
  relatedStatuses,
} from "@/server/articles/queries/related-stories";
import { tagSuggestions } from "@/server/articles/queries/tag-suggestions";
import {
  addNote as addNoteCommand,
  resolveNote as resolveNoteCommand,
} from "@/server/notes/add-note";
import { markNotificationsRead as markNotificationsReadCommand } from "@/server/notifications/mark-read";
import { createUser as createUserCommand } from "@/server/users/commands/create-user";

export async function createArticle(input: unknown) {
  return runAction(createArticleCommand, input);
}

export async function saveArticle(input: unknown) {
  return runAction(saveArticleCommand, input);
}

export async function submitArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.submit, input);
}

export async function withdrawArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.withdraw, input);
}

export async function requestChangesArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.requestChanges, input);
}

export async function approveArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.approve, input);
}

export async function scheduleArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.schedule, input);
}

export async function cancelScheduleArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.cancelSchedule, input);
}

export async function publishArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.publish, input);
}

export async function submitUpdateArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.submitUpdate, input);
}

export async function requestUpdateChangesArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.requestUpdateChanges, input);
}

export async function publishUpdateArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.publishUpdate, input);
}

export async function discardUpdateArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.discardUpdate, input);
}

export async function unpublishArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.unpublish, input);
}

export async function spikeArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.spike, input);
}

export async function restoreArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.restore, input);
}

export async function createUser(input: unknown) {
  return runAction(createUserCommand, input);
}

/** Read-only: the editor refreshes status and buttons without reloading what is typed. */
export async function loadEditorView(input: unknown) {
  return runQuery(async (actor) => {
    const id = (input as { id?: unknown } | null)?.id;
    return typeof id === "string" ? getEditorView(actor, id) : null;
  });
}

export async function addNote(input: unknown) {
  return runAction(addNoteCommand, input);
}

export async function resolveNote(input: unknown) {
  return runAction(resolveNoteCommand, input);
}

export async function markNotificationsRead(input: unknown) {
  return runAction(markNotificationsReadCommand, input);
}

export async function createAssignment(input: unknown) {
  return runAction(createAssignmentCommand, input);
}

export async function claimEditLock(input: unknown) {
  return runAction(claimEditLockCommand, input);
}

export async function releaseEditLock(input: unknown) {
  return runAction(releaseEditLockCommand, input);
}

/** Read-only: published stories to link from a story body. */
export async function findRelatedStories(input: unknown) {
  return runQuery(async () => {
    const q = (input as { q?: unknown } | null)?.q;
    return findPublishedByHeadline(typeof q === "string" ? q : "");
  });
}

/** Read-only: current headline and live state of linked stories. */
export async function relatedStoryStatus(input: unknown) {
  return runQuery(async () => {
    const ids = (input as { ids?: unknown } | null)?.ids;
    return relatedStatuses(Array.isArray(ids) ? ids.filter((i) => typeof i === "string") : []);
  });
}

export async function setBylines(input: unknown) {
  return runAction(setBylinesCommand, input);
}

export async function setArticleSlug(input: unknown) {
  return runAction(setArticleSlugCommand, input);
}

export async function setArticleTags(input: unknown) {
  return runAction(setArticleTagsCommand, input);
}

/** Read-only: tag names for autocomplete. */
export async function suggestTags(input: unknown) {
  return runQuery(async () => {
    const q = (input as { q?: unknown } | null)?.q;
    return tagSuggestions(typeof q === "string" ? q : "");
  });
}
