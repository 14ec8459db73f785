import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { createAdminAccount, signIn } from "./support/auth";
import {
  addStaff,
  CommentForm,
  type OwnServer,
  publishedComment,
  queueEntry,
  startOwnServer,
  watchDialogs,
} from "./support/comments";
import { admin, editor } from "./support/people";
import { StoryEditor } from "./support/story-editor";

/**
 * Issue 5, reader comments, acted out: a keyboard-only reader, a reader without JavaScript,
 * a hostile commenter and an editor moderating, on a newsroom of the suite's own (see
 * startOwnServer). THREATS 17 (comment XSS) and 39 (RTL overrides). Tests build on each other.
 *
 * Every reader context sends its own X-Forwarded-For: with no proxy configured the server
 * takes a single forwarded address as the client's (as Next fills it from the socket), so
 * each reader here is a different person to the per-address rate limit.
 */
test.describe.configure({ mode: "serial" });

let server: OwnServer;
let editorContext: BrowserContext;
let editorPage: Page;
let articlePath: string;
const dialogs: string[] = [];

const headline = "Library opening hours extended after petition";
const people = {
  keyboard: { name: "Kim Keyboard", email: "kim@readers.example" },
  nojs: { name: "Nia NoScript", email: "nia@readers.example" },
  hostile: { name: "Hal Hostile", email: "hal@readers.example" },
  replier: { name: "Rafa Replier", email: "rafa@readers.example" },
};
const bodies = {
  keyboard: "Great news for students who study late. Thank you for reporting it.",
  nojs: "Posted without any JavaScript at all.",
  script: "<script>alert(1)</script> and <img src=x onerror=alert(2)>",
  link: "Click [here](javascript:alert(1)) or javascript:alert(3) or https://example.com/safe-page.",
  rtl: "Invoice total: \u202E3.0 gpj.exe\u202C (override) and \u2066isolated\u2069 text",
  reply: "Replying to Kim: agreed, it helps everyone.",
};

let ipCounter = 10;
async function reader(
  browser: Browser,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; form: CommentForm }> {
  ipCounter += 1;
  const context = await browser.newContext({
    baseURL: server.baseURL,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${ipCounter}` },
  });
  const page = await context.newPage();
  watchDialogs(page, dialogs);
  return { context, page, form: new CommentForm(page) };
}

/** A new address for the same reader: the 15 s per-address rule is not what these test. */
async function newAddress(context: BrowserContext) {
  ipCounter += 1;
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${ipCounter}` });
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startOwnServer();
  const adminContext = await browser.newContext({ baseURL: server.baseURL });
  const adminPage = await adminContext.newPage();
  await createAdminAccount(adminPage, admin);
  await signIn(adminPage, admin.email, admin.password);
  await addStaff(adminPage, editor, "editor");

  // The admin writes, approves and publishes a story (admins may do every step).
  const story = new StoryEditor(adminPage);
  await story.writeNew({
    headline,
    standfirst: "The council agreed to keep the central library open until 10pm.",
    dateline: "LONDON (Ledger Wire)",
    section: "Politics",
    paragraphs: ["Students had gathered more than 4,000 signatures."],
  });
  await story.transition("Submit for review", "In review");
  await story.transition("Approve", "Approved");
  await story.transition("Publish", "Published");
  articlePath = await story.readPublicPath();
  await adminContext.close();

  editorContext = await browser.newContext({ baseURL: server.baseURL });
  editorPage = await editorContext.newPage();
  watchDialogs(editorPage, dialogs);
  await signIn(editorPage, editor.email, editor.password);
});

test.afterAll(async () => {
  await editorContext?.close();
  await server?.stop();
});

test.afterEach(() => {
  expect(dialogs, "no comment may open a dialog").toEqual([]);
});

test("a keyboard-only reader reaches the form, posts, and is told it awaits moderation", async ({
  browser,
}) => {
  const { context, page, form } = await reader(browser);
  await page.goto(articlePath);
  await expect(page.getByRole("heading", { name: "No comments yet" })).toBeVisible();
  await expect(form.heading).toBeVisible();

  // Tab from the top of the page until the Name field has focus.
  let reached = false;
  for (let i = 0; i < 150 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await form.name.evaluate((el) => el === document.activeElement);
  }
  expect(reached, "Name is reachable with Tab").toBe(true);
  await page.keyboard.type(people.keyboard.name);
  await page.keyboard.press("Tab");
  await expect(form.email).toBeFocused();
  await page.keyboard.type(people.keyboard.email);
  // The honeypot is skipped: the next stop is the comment itself.
  await page.keyboard.press("Tab");
  await expect(form.comment).toBeFocused();
  await page.keyboard.type(bodies.keyboard);
  await page.keyboard.press("Tab");
  await expect(form.submit).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(form.pending).toHaveText("Your comment is awaiting moderation");
  // In place: no navigation, and the text box is ready for another comment.
  expect(new URL(page.url()).pathname).toBe(articlePath);
  await expect(form.comment).toHaveValue("");
  await context.close();
});

test("the comment form has no accessibility violations (axe-core)", async ({ browser }) => {
  const { context, page } = await reader(browser);
  await page.goto(`${articlePath}#leave-a-reply`);
  const results = await new AxeBuilder({ page }).include("#comments").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await context.close();
});

test("with JavaScript disabled, posting still works, and a refusal is explained", async ({
  browser,
}) => {
  const { context, page, form } = await reader(browser, { javaScriptEnabled: false });
  await page.goto(articlePath);
  await form.post({ ...people.nojs, body: bodies.nojs });
  await expect(page).toHaveURL(/\?comment=pending#comments$/);
  await expect(form.pending).toHaveText("Your comment is awaiting moderation");

  // The same words again (from another address): a duplicate, said plainly.
  await newAddress(context);
  await form.post({ ...people.nojs, body: bodies.nojs });
  await expect(page).toHaveURL(/\?comment=error&reason=duplicate#leave-a-reply$/);
  await expect(form.error).toHaveText("You already posted that comment.");
  await context.close();
});

test("hostile comments are accepted as plain text; a 100 KB comment gets a clear error", async ({
  browser,
}) => {
  const { context, page, form } = await reader(browser);
  await page.goto(articlePath);
  for (const body of [bodies.script, bodies.link, bodies.rtl]) {
    await newAddress(context);
    await form.post({ ...people.hostile, body });
    await expect(form.pending).toHaveText("Your comment is awaiting moderation");
    await expect(form.error).toHaveText("");
  }

  // A client that ignores maxlength and sends 100 KB: refused, and the text is kept.
  await newAddress(context);
  await form.comment.evaluate((el) => el.removeAttribute("maxlength"));
  const huge = "x".repeat(100_000);
  await form.comment.fill(huge);
  await form.submit.click();
  await expect(form.error).toContainText("far too long: at most 5,000 characters");
  await expect(form.comment).toHaveValue(huge);
  await expect(form.comment).toBeFocused();
  await context.close();
});

test("an editor approves comments at /newsroom/comments and they appear, inert, with a count", async ({
  browser,
}) => {
  const page = editorPage;
  await page.goto("/newsroom");
  await page.getByRole("link", { name: /^Comments \(\d+ pending\)$/ }).click();
  await expect(page).toHaveURL(/\/newsroom\/comments$/);
  await expect(page.getByRole("link", { name: "Comments (5 pending)" })).toBeVisible();

  // The staff view shows hostile text as text too (THREATS 15).
  await expect(queueEntry(page, "<script>alert(1)</script>")).toBeVisible();
  await expect(queueEntry(page, bodies.keyboard)).toContainText(people.keyboard.email);

  for (const body of [bodies.keyboard, bodies.nojs, bodies.script, bodies.link, "Invoice total"]) {
    const entry = queueEntry(page, body);
    await entry.getByRole("button", { name: "Approve", exact: true }).click();
    await expect(entry.locator(".status-pill")).toHaveText("Approved");
    await expect(entry.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);
  }
  await expect(page.getByRole("status").filter({ hasText: "Comment approved." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Comments (0 pending)" })).toBeVisible();

  const { context, page: readerPage } = await reader(browser);
  await readerPage.goto(articlePath);
  const comments = readerPage.locator("#comments");
  await expect(readerPage.getByRole("heading", { name: "5 comments", exact: true })).toBeVisible();
  await expect(comments.getByText(people.keyboard.name, { exact: true })).toBeVisible();
  // Emails are never shown to readers.
  await expect(comments).not.toContainText("@readers.example");

  // Markup is shown as the characters it is made of; nothing was injected.
  await expect(publishedComment(readerPage, "<script>alert(1)</script>")).toContainText(
    bodies.script,
  );
  expect(await comments.locator("script:not([src]), img, iframe").count()).toBe(0);
  expect(await readerPage.locator("[onerror], [onclick]").count()).toBe(0);

  // Only the http(s) URL became a link, and it passes nothing on.
  const linkComment = publishedComment(readerPage, "safe-page");
  const linkBody = linkComment.locator(".comment-body");
  await expect(linkBody.getByRole("link")).toHaveCount(1);
  const safe = linkBody.getByRole("link", { name: "https://example.com/safe-page" });
  await expect(safe).toHaveAttribute("href", "https://example.com/safe-page");
  await expect(safe).toHaveAttribute("rel", "nofollow ugc noopener");
  expect(await comments.locator('a[href^="javascript" i], a[href^="data" i]').count()).toBe(0);
  await expect(linkComment).toContainText("javascript:alert(3)");

  // Bidi overrides are gone from what is shown; the text itself is kept, with dir="auto".
  const rtl = publishedComment(readerPage, "Invoice total");
  const shown = (await rtl.locator(".comment-body").textContent()) ?? "";
  expect(shown).toContain("Invoice total: 3.0 gpj.exe (override) and isolated text");
  expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  await expect(rtl.locator(".comment-body")).toHaveAttribute("dir", "auto");
  await expect(rtl.locator(".comment-author")).toHaveAttribute("dir", "auto");

  await context.close();
});

test("a reply is threaded under the comment it answers once approved", async ({ browser }) => {
  const { context, page, form } = await reader(browser);
  await page.goto(articlePath);
  await publishedComment(page, bodies.keyboard)
    .getByRole("link", { name: `Reply to ${people.keyboard.name}` })
    .click();
  await expect(page).toHaveURL(/\?replyto=[0-9a-f-]{36}#leave-a-reply$/);
  await expect(page.getByText(`Replying to ${people.keyboard.name}.`)).toBeVisible();
  await form.post({ ...people.replier, body: bodies.reply });
  await expect(form.pending).toHaveText("Your comment is awaiting moderation");

  await editorPage.goto("/newsroom/comments");
  const entry = queueEntry(editorPage, bodies.reply);
  await entry.getByRole("button", { name: "Approve" }).click();
  await expect(entry.locator(".status-pill")).toHaveText("Approved");

  await page.goto(articlePath);
  await expect(page.getByRole("heading", { name: "6 comments", exact: true })).toBeVisible();
  const parent = page.locator("#comments li.comment").filter({ hasText: bodies.keyboard }).first();
  await expect(parent.locator(".comment-replies")).toContainText(bodies.reply);
  await context.close();
});

test("spam and delete take a comment off the page; closing comments removes the form", async ({
  browser,
}) => {
  await editorPage.goto("/newsroom/comments");
  await queueEntry(editorPage, bodies.nojs).getByRole("button", { name: "Spam" }).click();
  await expect(editorPage.getByRole("status").filter({ hasText: "marked as spam" })).toBeVisible();
  await expect(queueEntry(editorPage, bodies.nojs).locator(".status-pill")).toHaveText("Spam");
  await queueEntry(editorPage, bodies.script).getByRole("button", { name: "Delete" }).click();
  await expect(
    editorPage.getByRole("status").filter({ hasText: "Comment deleted." }),
  ).toBeVisible();
  await expect(queueEntry(editorPage, bodies.script)).toHaveCount(0);

  const row = editorPage.getByRole("row").filter({ hasText: headline });
  await row.getByRole("button", { name: "Close comments" }).click();
  await expect(editorPage.getByRole("status").filter({ hasText: "Comments closed" })).toBeVisible();
  await expect(row).toContainText("Closed");

  const { context, page } = await reader(browser);
  await page.goto(articlePath);
  await expect(page.getByRole("heading", { name: "4 comments", exact: true })).toBeVisible();
  await expect(page.locator("#comments")).not.toContainText(bodies.nojs);
  await expect(page.getByText("Comments are closed.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Leave a Reply" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Reply to / })).toHaveCount(0);
  await context.close();
});

test("moderation is staff-only: a signed-out reader is sent to sign in and sees no queue", async ({
  browser,
}) => {
  const { context, page } = await reader(browser);
  const response = await page.goto("/newsroom/comments");
  // Signed out: sent to sign in; nothing of the queue is shown.
  await expect(page).toHaveURL(/\/login/);
  expect(response?.status()).toBeLessThan(500);
  await expect(page.getByText(people.keyboard.email)).toHaveCount(0);
  await context.close();
});
