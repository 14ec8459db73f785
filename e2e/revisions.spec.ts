import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { RevisionHistory, wordCount } from "./support/revisions";
import { signInAsAdmin, uniquePerson } from "./support/staff";
import { StoryEditor } from "./support/story-editor";
import { createUser } from "./support/users";

/**
 * Issue 4, items 7 and 8: a reporter writes a story, saves a second version, reads the history
 * and the diff, restores the first version and sees it back in the editor; preview shows the
 * story as readers would, and nobody else's reporter can open any of it. Own people and story.
 */
test.describe.configure({ mode: "serial" });

const writer = uniquePerson("Revisions Reporter");
const outsider = uniquePerson("Other Reporter");

const first = {
  headline: "Harbour ferry to resume sailings in spring",
  paragraph: "The harbour ferry will resume its crossings in spring after repairs to the old pier.",
};
// Fewer words than the first version, so no half-typed autosave of it has the first's count.
const second = {
  headline: "Ferry return delayed until summer",
  paragraph: "Engineers found new cracks and the ferry now waits for summer.",
};

let contexts: BrowserContext[] = [];
let page: Page;
let articleId: string;
let firstNumber: number;
let secondNumber: number;

test.beforeAll(async ({ browser }) => {
  const adminContext = await browser.newContext();
  const writerContext = await browser.newContext();
  contexts = [adminContext, writerContext];
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin);
  await createUser(admin, writer, "reporter");
  await createUser(admin, outsider, "reporter");
  page = await writerContext.newPage();
  await signIn(page, writer.email, writer.password);
});

test.afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
});

test("a reporter saves two versions and the history lists them", async () => {
  const editor = new StoryEditor(page);
  articleId = await editor.writeNew({ headline: first.headline, paragraphs: [first.paragraph] });

  // The second version: the whole body rewritten, then a new headline.
  await editor.body.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(second.paragraph);
  await page.getByLabel("Headline", { exact: true }).fill(second.headline);
  await editor.save();

  const history = new RevisionHistory(page, articleId);
  await history.open();
  const listed = await history.listed();
  expect(listed.length).toBeGreaterThanOrEqual(2);
  expect(listed[0]!.words).toBe(wordCount(second.paragraph));
  secondNumber = listed[0]!.number;
  await expect(history.row(secondNumber)).toContainText("Current");
  expect(listed[0]!.headline).toBe(second.headline);
  firstNumber = await history.newestMatching({
    headline: first.headline,
    words: wordCount(first.paragraph),
  });
  expect(firstNumber).toBeLessThan(secondNumber);

  // Viewing the first version renders it as readers would see it.
  await history.row(firstNumber).getByRole("link", { name: "View" }).click();
  await expect(page).toHaveURL(new RegExp(`/revisions/${firstNumber}$`));
  const article = page.getByRole("article", { name: `Revision ${firstNumber}` });
  await expect(article.getByRole("heading", { name: first.headline })).toBeVisible();
  await expect(article.locator(".article-body")).toContainText(first.paragraph);
});

test("compare shows the changed headline and the words added and removed", async () => {
  const history = new RevisionHistory(page, articleId);
  await history.open();
  await history.row(firstNumber).getByRole("link", { name: "Compare with current" }).click();
  await expect(page).toHaveURL(
    new RegExp(`/revisions/compare\\?from=${firstNumber}&to=${secondNumber}$`),
  );

  const fields = page.getByRole("list", { name: "Changed fields" });
  await expect(fields).toContainText("Headline:");
  await expect(fields).toContainText(first.headline);
  await expect(fields).toContainText(second.headline);
  const body = page.getByTestId("body-diff");
  await expect(body.locator("ins").filter({ hasText: "cracks" })).toHaveCount(1);
  await expect(body.locator("del").filter({ hasText: "pier" })).toHaveCount(1);
  await expect(body.locator("ins").first()).toContainText("added");
  await expect(body.locator("del").first()).toContainText("removed");
  // Never JSON.
  await expect(page.locator("main")).not.toContainText('"type"');

  // The form is a GET: choosing the same two revisions the other way round is a shareable URL.
  await page.getByLabel("From revision").selectOption(String(secondNumber));
  await page.getByLabel("To revision").selectOption(String(firstNumber));
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`\\?from=${secondNumber}&to=${firstNumber}$`));
  await expect(
    page.getByTestId("body-diff").locator("ins").filter({ hasText: "pier" }),
  ).toHaveCount(1);
});

test("restoring the first version brings its text back into the editor", async () => {
  const history = new RevisionHistory(page, articleId);
  await history.open();
  const before = (await history.listed())[0]!.number;
  expect(before).toBe(secondNumber);
  await history.restore(firstNumber);

  await expect(page).toHaveURL(new RegExp(`/newsroom/articles/${articleId}$`));
  const editor = new StoryEditor(page);
  await expect(editor.body).toContainText(first.paragraph);
  await expect(editor.body).not.toContainText("cracks");
  await expect(page.getByLabel("Headline", { exact: true })).toHaveValue(first.headline);

  // The restore is a new revision on top; nothing was removed from the history.
  await history.open();
  const after = await history.listed();
  expect(after[0]).toMatchObject({ number: before + 1, kind: "Restore" });
  expect(after.map((r) => r.number)).toContain(before);
});

test("preview shows the story as readers will see it, marked as not published", async () => {
  await page.goto(`/newsroom/articles/${articleId}/preview`);
  await expect(page.getByText("Preview — not published")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: first.headline })).toBeVisible();
  await expect(page.locator("article.article .article-body")).toContainText(first.paragraph);
  await expect(page.locator(".byline")).toContainText(writer.name);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
});

test("another reporter gets not found for the history, a revision, a diff and the preview", async ({
  browser,
}) => {
  const context = await browser.newContext();
  contexts.push(context);
  const other = await context.newPage();
  await signIn(other, outsider.email, outsider.password);
  const base = `/newsroom/articles/${articleId}`;
  for (const path of [
    `${base}/revisions`,
    `${base}/revisions/1`,
    `${base}/revisions/compare?from=1&to=2`,
    `${base}/preview`,
  ]) {
    const response = await other.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(other.getByText(first.paragraph)).toHaveCount(0);
  }
});
