import { expect, type Page, type Request } from "@playwright/test";

/**
 * Every unsaved copy this browser keeps for the newsroom (IndexedDB "newsroom-drafts", see
 * components/editor/local-drafts.ts): key (`draft:{userId}:{articleId}`) → the copy as JSON.
 * Read from a page of the site's own origin. Never creates the database empty: if it does not
 * exist yet, it is made exactly as the app makes it, so the app can still use it.
 */
export function keptCopies(page: Page): Promise<Record<string, string>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, string>>((resolve, reject) => {
        const open = indexedDB.open("newsroom-drafts");
        open.onupgradeneeded = () => open.result.createObjectStore("drafts");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const out: Record<string, string> = {};
          if (!db.objectStoreNames.contains("drafts")) {
            db.close();
            resolve(out);
            return;
          }
          const cursor = db.transaction("drafts", "readonly").objectStore("drafts").openCursor();
          cursor.onerror = () => reject(cursor.error);
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (c) {
              out[String(c.key)] = JSON.stringify(c.value);
              c.continue();
            } else {
              db.close();
              resolve(out);
            }
          };
        };
      }),
  );
}

/** Waits until the browser keeps a copy of story `articleId` holding `text`; returns its key. */
export async function waitForKeptCopy(page: Page, articleId: string, text: string) {
  let key = "";
  await expect
    .poll(async () => {
      const copies = await keptCopies(page);
      key =
        Object.keys(copies).find((k) => k.endsWith(`:${articleId}`) && copies[k]?.includes(text)) ??
        "";
      return key;
    })
    .not.toBe("");
  return key;
}

/**
 * What the editor found in this browser's store on opening (data-local-copy on the editor):
 * "offered" (the "Unsaved changes found" offer is shown), "none", or "checking".
 */
export function localCopyState(page: Page) {
  return page.locator("[data-local-copy]");
}

/** A save of an existing story: the `saveArticle` server action (it carries `baseVersion`). */
export function isSaveRequest(request: Request): boolean {
  return (
    request.method() === "POST" &&
    !!request.headers()["next-action"] &&
    (request.postData() ?? "").includes('"baseVersion"')
  );
}

/** The `baseVersion` a save request was sent with. */
export function baseVersionOf(request: Request): number {
  const match = /"baseVersion":(\d+)/.exec(request.postData() ?? "");
  if (!match?.[1]) throw new Error("no baseVersion in the save request");
  return Number(match[1]);
}

/** The story version a successful save's answer (the action's RSC payload) carries. */
export function savedVersionIn(body: string): number {
  const match = /"ok":true,"data":\{[^}]*"version":(\d+)/.exec(body);
  if (!match?.[1]) throw new Error(`no saved version in the answer: ${body.slice(0, 300)}`);
  return Number(match[1]);
}
