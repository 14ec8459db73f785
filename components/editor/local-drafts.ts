"use client";

import { createStore, del, delMany, get, keys, set } from "idb-keyval";

/**
 * Unsaved edits kept in this browser (IndexedDB), per user and story, until the server has
 * them: they survive a reload, a crash or a lost connection, and are cleared on sign-out.
 */
export type LocalDraft = { payload: unknown; savedAt: string; baseVersion: number };

const store = () => createStore("newsroom-drafts", "drafts");
const keyOf = (userId: string, articleId: string | null) => `draft:${userId}:${articleId ?? "new"}`;

/** Users signing out in this tab: a copy timed just before the click must not outlive it. */
const signingOut = new Set<string>();

/** From now on this tab writes no copy for the user (sign-out has begun). */
export function stopKeeping(userId: string) {
  signingOut.add(userId);
}

/** The sign-out did not happen (no connection): copies are kept again. */
export function resumeKeeping(userId: string) {
  signingOut.delete(userId);
}

export async function keepLocally(userId: string, articleId: string | null, draft: LocalDraft) {
  if (signingOut.has(userId)) return;
  try {
    await set(keyOf(userId, articleId), draft, store());
  } catch {
    // Private mode or quota: the server copy and the open tab still hold the text.
  }
}

export async function readLocal(
  userId: string,
  articleId: string | null,
): Promise<LocalDraft | null> {
  try {
    return ((await get(keyOf(userId, articleId), store())) as LocalDraft | undefined) ?? null;
  } catch {
    return null;
  }
}

export async function forgetLocal(userId: string, articleId: string | null) {
  try {
    await del(keyOf(userId, articleId), store());
  } catch {
    // nothing kept
  }
}

/**
 * On sign-out: nothing of this user's stays in the browser, and this tab keeps no more copies
 * for them (an editor's copy is written 300 ms after the last key, which can fall after the
 * click on "Sign out").
 */
export async function forgetAllFor(userId: string) {
  stopKeeping(userId);
  try {
    const mine = (await keys(store())).filter((k) => String(k).startsWith(`draft:${userId}:`));
    await delMany(mine, store());
  } catch {
    // nothing kept
  }
}
