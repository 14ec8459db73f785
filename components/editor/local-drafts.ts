"use client";

import { createStore, del, delMany, get, keys, set } from "idb-keyval";

/**
 * Unsaved edits kept in this browser (IndexedDB), per user and story, until the server has
 * them: they survive a reload, a crash or a lost connection, and are cleared on sign-out.
 */
export type LocalDraft = { payload: unknown; savedAt: string; baseVersion: number };

const store = () => createStore("newsroom-drafts", "drafts");
const keyOf = (userId: string, articleId: string | null) => `draft:${userId}:${articleId ?? "new"}`;

export async function keepLocally(userId: string, articleId: string | null, draft: LocalDraft) {
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

/** On sign-out: nothing of this user's stays in the browser. */
export async function forgetAllFor(userId: string) {
  try {
    const mine = (await keys(store())).filter((k) => String(k).startsWith(`draft:${userId}:`));
    await delMany(mine, store());
  } catch {
    // nothing kept
  }
}
