"use server";

/**
 * Every staff server action. Each is a one-liner over a command (server/), which checks
 * the policy table itself: these exports are reachable by direct POST and trust nothing.
 */
import { runAction, runQuery } from "@/server/actions";
import { createArticle as createArticleCommand } from "@/server/articles/commands/create-article";
import { saveArticle as saveArticleCommand } from "@/server/articles/commands/save-article";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import { getEditorView } from "@/server/articles/queries/editor-view";
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

export async function requestChangesArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.requestChanges, input);
}

export async function approveArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.approve, input);
}

export async function publishArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.publish, input);
}

export async function unpublishArticle(input: unknown) {
  return runAction(TRANSITION_COMMANDS.unpublish, input);
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
