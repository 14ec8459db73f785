import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import { createAdminAccount, signIn } from "./auth";
import { admin, editor, type Person, reporter } from "./people";
import { type Story, StoryEditor } from "./story-editor";
import { createUser } from "./users";

/** Helpers for the reader-site spec: staff to write and publish, and a reader to read. */

export type Newsroom = {
  reporterPage: Page;
  editorPage: Page;
  contexts: BrowserContext[];
};

/**
 * Signed-in reporter and editor pages. Works on a fresh database (sets up the admin and adds
 * the staff) and after other specs have already done so.
 */
export async function openNewsroom(browser: Browser, baseURL: string): Promise<Newsroom> {
  const adminContext = await browser.newContext({ baseURL });
  const adminPage = await adminContext.newPage();
  await adminPage.goto("/setup");
  if (await adminPage.getByRole("button", { name: "Create admin account" }).isVisible()) {
    await createAdminAccount(adminPage, admin);
  }
  await signIn(adminPage, admin.email, admin.password);
  await adminPage.goto("/newsroom/users");
  const listed = async (person: Person) =>
    (await adminPage.getByText(person.email).count()) > 0 ||
    (await adminPage.getByText(person.name).count()) > 0;
  if (!(await listed(reporter))) await createUser(adminPage, reporter, "reporter");
  await adminPage.goto("/newsroom/users");
  if (!(await listed(editor))) await createUser(adminPage, editor, "editor");
  await adminContext.close();

  const reporterContext = await browser.newContext({ baseURL });
  const editorContext = await browser.newContext({ baseURL });
  const reporterPage = await reporterContext.newPage();
  const editorPage = await editorContext.newPage();
  await signIn(reporterPage, reporter.email, reporter.password);
  await signIn(editorPage, editor.email, editor.password);
  return { reporterPage, editorPage, contexts: [reporterContext, editorContext] };
}

/** A reporter writes, tags (where the editor offers tags) and submits a story; an editor approves and publishes it. */
export async function publishThroughDesk(
  newsroom: Newsroom,
  story: Story,
  tags: string[] = [],
): Promise<{ id: string; path: string; tagged: boolean }> {
  const desk = new StoryEditor(newsroom.reporterPage);
  const id = await desk.writeNew(story);
  const tagInput = newsroom.reporterPage.getByLabel("Tags", { exact: true });
  const tagged = tags.length > 0 && (await tagInput.count()) > 0;
  if (tagged) {
    for (const tag of tags) {
      await tagInput.fill(tag);
      await tagInput.press("Enter");
      await expect(
        newsroom.reporterPage.getByRole("button", { name: `Remove tag ${tag}`, exact: true }),
      ).toBeVisible();
    }
  }
  await desk.transition("Submit for review", "In review");
  const editorDesk = new StoryEditor(newsroom.editorPage);
  await editorDesk.open(id);
  await editorDesk.transition("Approve", "Approved");
  await editorDesk.transition("Publish", "Published");
  const path = await editorDesk.readPublicPath();
  return { id, path, tagged };
}

export async function unpublishThroughDesk(newsroom: Newsroom, id: string): Promise<void> {
  const desk = new StoryEditor(newsroom.editorPage);
  await desk.open(id);
  await desk.transition("Unpublish", "Unpublished");
}

/** The parsed JSON-LD blocks of the current page. */
export async function jsonLdOf(page: Page): Promise<Record<string, unknown>[]> {
  const texts = await page.locator('script[type="application/ld+json"]').allTextContents();
  return texts.map((t) => JSON.parse(t) as Record<string, unknown>);
}

/** The page does not scroll sideways at its current viewport width. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
}
