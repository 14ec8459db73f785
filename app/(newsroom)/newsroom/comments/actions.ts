"use server";

/**
 * Comment moderation actions, used as form actions so they work without JavaScript too.
 * Each is a one-liner over a command, which checks the policy itself: these exports are
 * reachable by direct POST and trust nothing. The outcome goes back to the page as a fixed
 * code in its URL.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/server/actions";
import {
  approveComment as approveCommentCommand,
  deleteComment as deleteCommentCommand,
  spamComment as spamCommentCommand,
} from "@/server/comments/moderate-comment";
import { setCommentsOpen as setCommentsOpenCommand } from "@/server/comments/set-comments-open";
import type { Result } from "@/server/errors";

export async function approveComment(form: FormData) {
  back(form, "approved", await runAction(approveCommentCommand, { id: form.get("id") }));
}

export async function spamComment(form: FormData) {
  back(form, "spam", await runAction(spamCommentCommand, { id: form.get("id") }));
}

export async function deleteComment(form: FormData) {
  back(form, "deleted", await runAction(deleteCommentCommand, { id: form.get("id") }));
}

export async function setCommentsOpen(form: FormData) {
  const open = form.get("open") === "true";
  const input = { articleId: form.get("articleId"), open };
  back(form, open ? "opened" : "closed", await runAction(setCommentsOpenCommand, input));
}

/** Back to the page the moderator was on, saying what happened. */
function back(form: FormData, done: string, result: Result<unknown>): never {
  // The newsroom header shows the pending count: refresh the layout, not just this page.
  if (result.ok) revalidatePath("/newsroom", "layout");
  const page = Number(form.get("page"));
  const at = Number.isInteger(page) && page > 1 ? `page=${page}&` : "";
  redirect(`/newsroom/comments?${at}${result.ok ? `done=${done}` : `error=${result.error.code}`}`);
}
