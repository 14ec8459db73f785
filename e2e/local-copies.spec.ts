import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { isSaveRequest, keptCopies, localCopyState, waitForKeptCopy } from "./support/local-copies";
import type { Person } from "./support/people";
import { StoryEditor } from "./support/story-editor";
import { addStaffAsAdmin } from "./support/users";
import { uniqueStaff } from "./support/workflow";

/**
 * THREATS row 34 (network loss or tab close during edits): the copy of unsaved work this
 * browser keeps is its author's, for one story, and goes at sign-out; leaving the editor with
 * unsaved work asks first; a save the server or network failed is tried again by itself.
 * (Named to sort after foundation.spec.ts, which must be the first spec to use the server.)
 */
test.describe.configure({ mode: "serial" });

const author = uniqueStaff("Lena Local");
const other = uniqueStaff("Otto Other");
let baseURL: string | undefined;
let storyX = "";
let storyY = "";
const contexts: BrowserContext[] = [];

async function freshContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  contexts.push(context);
  return context;
}

async function signedInPage(context: BrowserContext, person: Person): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, person.email, person.password);
  return page;
}

/** Opens a story in the editor and waits until it has looked for a copy kept in the browser. */
async function openStory(page: Page, id: string): Promise<StoryEditor> {
  const desk = new StoryEditor(page);
  await desk.open(id);
  await expect(localCopyState(page)).not.toHaveAttribute("data-local-copy", "checking");
  return desk;
}

/**
 * Types `text` into story `id` with the connection down, waits until the browser keeps it,
 * then loses the tab (no save can have reached the server) and brings the connection back.
 * Returns the key the copy is kept under.
 */
async function leaveUnsavedCopy(context: BrowserContext, id: string, text: string) {
  const page = await context.newPage();
  const desk = await openStory(page, id);
  await context.setOffline(true);
  await desk.appendParagraphs([text]);
  await expect(desk.saveState).toHaveText("Offline");
  const key = await waitForKeptCopy(page, id, text);
  await page.close();
  await context.setOffline(false);
  return key;
}

test.beforeAll(async ({ browser }, testInfo) => {
  baseURL = testInfo.project.use.baseURL;
  await addStaffAsAdmin(browser, baseURL, [
    [author, "reporter"],
    [other, "editor"],
  ]);
  const page = await signedInPage(await freshContext(browser), author);
  const desk = new StoryEditor(page);
  storyX = await desk.writeNew({
    headline: `Harbour crane inspection ${author.email.slice(3, 11)}`,
    section: "World",
    paragraphs: ["Inspectors arrive at the harbour on Tuesday."],
  });
  storyY = await desk.writeNew({
    headline: `Library opening hours ${author.email.slice(3, 11)}`,
    section: "World",
    paragraphs: ["The central library opens later on Sundays."],
  });
  await page.close();
});

test.afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
});

test("an unsaved copy kept in this browser is offered to its author on its own story only, never to another user", async ({
  browser,
}) => {
  const context = await freshContext(browser);
  await (await signedInPage(context, author)).close();
  const text = "Typed offline by the author, for story X only.";
  const key = await leaveUnsavedCopy(context, storyX, text);
  expect(key).toMatch(new RegExp(`^draft:[^:]+:${storyX}$`));

  // The author's session ends without a sign-out (it expired, the browser was left as it
  // was), and someone else signs in on the same browser and opens the same story.
  await context.clearCookies();
  const otherPage = await signedInPage(context, other);
  const seenByOther = await openStory(otherPage, storyX);
  await expect(localCopyState(otherPage)).toHaveAttribute("data-local-copy", "none");
  await expect(otherPage.getByRole("region", { name: "Unsaved changes found" })).toHaveCount(0);
  await expect(seenByOther.body).not.toContainText(text);
  // The copy is still there, under the author's key only.
  const copies = await keptCopies(otherPage);
  expect(Object.keys(copies).filter((k) => copies[k]?.includes(text))).toEqual([key]);
  await otherPage.close();

  await context.clearCookies();
  const page = await signedInPage(context, author);
  // Another story of the same author: nothing to offer.
  await openStory(page, storyY);
  await expect(localCopyState(page)).toHaveAttribute("data-local-copy", "none");
  await expect(page.getByRole("region", { name: "Unsaved changes found" })).toHaveCount(0);
  // Its own story: offered back (so the two refusals above were not for want of a copy).
  const desk = await openStory(page, storyX);
  await expect(localCopyState(page)).toHaveAttribute("data-local-copy", "offered");
  const offer = page.getByRole("region", { name: "Unsaved changes found" });
  await offer.getByRole("button", { name: "Restore them" }).click();
  await expect(desk.body).toContainText(text);
  await expect(desk.saveState).toHaveText("Saved");
  await expect.poll(async () => Object.keys(await keptCopies(page))).not.toContain(key);
});

test("signing out clears the unsaved copies this browser kept: signing back in offers nothing", async ({
  browser,
}) => {
  const context = await freshContext(browser);
  await (await signedInPage(context, author)).close();
  const text = "Typed offline just before signing out.";
  const key = await leaveUnsavedCopy(context, storyX, text);

  const page = await context.newPage();
  await page.goto("/newsroom");
  expect(Object.keys(await keptCopies(page))).toContain(key);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login(\?|$)/);
  expect(await keptCopies(page)).toEqual({});

  await signIn(page, author.email, author.password);
  const desk = await openStory(page, storyX);
  await expect(localCopyState(page)).toHaveAttribute("data-local-copy", "none");
  await expect(page.getByRole("region", { name: "Unsaved changes found" })).toHaveCount(0);
  await expect(desk.body).not.toContainText(text);
  expect(await keptCopies(page)).toEqual({});
});

test("signing out from the editor with unsaved work leaves no copy behind, even one typed after the click", async ({
  browser,
}) => {
  const context = await freshContext(browser);
  const page = await signedInPage(context, author);
  const desk = await openStory(page, storyY);
  // Saves fail (server unreachable): the text stays unsaved and only the browser has it.
  await page.route("**/newsroom/articles/**", (route) =>
    isSaveRequest(route.request()) ? route.abort("failed") : route.continue(),
  );
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    // Stay on the page: the sign-out has happened, and what is typed now must not be kept.
    void dialog.dismiss();
  });
  await desk.appendParagraphs(["Unsaved when the author signs out."]);
  await waitForKeptCopy(page, storyY, "Unsaved when the author signs out.");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect.poll(() => dialogs).toEqual(["beforeunload"]);
  expect(await keptCopies(page)).toEqual({});

  await desk.body.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Typed after signing out.");
  await expect(desk.body).toContainText("Typed after signing out.");
  // A copy would be written 300 ms after the last key: wait past that, then look.
  await page.waitForTimeout(1_500);
  expect(await keptCopies(page)).toEqual({});
});

test("leaving the editor with unsaved changes asks first, and does not once they are saved", async ({
  browser,
}) => {
  const context = await freshContext(browser);
  const page = await signedInPage(context, author);
  const desk = await openStory(page, storyY);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });

  await context.setOffline(true);
  await desk.appendParagraphs(["Not saved yet when the tab is closed."]);
  await expect(desk.saveState).toHaveText("Offline");

  // Closing the tab asks; dismissing keeps the page and the text.
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(["beforeunload"]);
  expect(page.isClosed()).toBe(false);
  // So does leaving for another address.
  await page.evaluate(() => {
    window.location.href = "/newsroom";
  });
  await expect.poll(() => dialogs).toEqual(["beforeunload", "beforeunload"]);
  await expect(page).toHaveURL(new RegExp(`/newsroom/articles/${storyY}$`));
  await expect(desk.body).toContainText("Not saved yet when the tab is closed.");

  // Back online the story saves by itself; then the tab closes without a question.
  await context.setOffline(false);
  await expect(desk.saveState).toHaveText("Saved");
  const closed = page.waitForEvent("close");
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(dialogs).toEqual(["beforeunload", "beforeunload"]);
});

test("a save the network or server failed is tried again by itself, with backoff, until it is saved", async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const context = await freshContext(browser);
  const page = await signedInPage(context, author);
  const desk = await openStory(page, storyY);
  // Two saves never reach the server (connection refused), the third gets a proxy's error
  // page (server down), the rest go through.
  const attempts: number[] = [];
  await page.route("**/newsroom/articles/**", async (route) => {
    if (!isSaveRequest(route.request())) return route.continue();
    attempts.push(Date.now());
    if (attempts.length <= 2) return route.abort("connectionrefused");
    if (attempts.length === 3) {
      return route.fulfill({
        status: 503,
        contentType: "text/html",
        body: "<h1>503 Service Unavailable</h1>",
      });
    }
    return route.continue();
  });

  const text = "Written while the server was down.";
  await desk.appendParagraphs([text]);
  // Nobody clicks anything: the editor gets there by itself.
  await expect(desk.saveState).toHaveText("Saved", { timeout: 60_000 });
  expect(attempts.length).toBe(4);
  const gaps = attempts.slice(1).map((t, i) => t - (attempts[i] ?? t));
  testInfo.annotations.push({ type: "retry gaps (ms)", description: gaps.join(", ") });

  await page.unroute("**/newsroom/articles/**");
  await page.reload();
  await expect(new StoryEditor(page).body).toContainText(text);
});
