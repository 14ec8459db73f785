import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { createAdminAccount, signIn, signInError, submitSignIn } from "./support/auth";
import { admin, editor, reporter } from "./support/people";
import {
  type CapturedAction,
  captureServerAction,
  replayServerAction,
} from "./support/server-action";
import { openStoryLink, type Story, StoryEditor } from "./support/story-editor";
import { escapeRegExp } from "./support/text";
import { createUser } from "./support/users";

/**
 * Issue 2, steps 1–5: a story travels from a reporter's draft to the public site, acted out by
 * an admin, a reporter, an editor and an anonymous reader, each in their own browser context,
 * on one fresh database. Each test builds on the previous one.
 */
test.describe.configure({ mode: "serial" });

const story: Story = {
  headline: "Council approves riverside housing plan after late-night vote",
  standfirst: "Four hundred homes will be built on the old gasworks site by 2029.",
  dateline: "LONDON (Ledger Wire)",
  section: "Politics",
  source: "Riverside council minutes",
  paragraphs: [
    "The council voted **unanimously** to approve the plan shortly before midnight.",
    "Residents who packed the public gallery applauded as the result was read out.",
  ],
};
const revision = "A council spokesperson confirmed the first homes will be let at social rent.";
const note = "Please add the council's comment on social housing before we run this.";

const draft: Story = {
  headline: "Budget talks stall as deadline nears",
  paragraphs: ["Negotiators left the building without a statement."],
};

const second: Story = {
  headline: "Harbour ferry service to resume in spring",
  paragraphs: ["The operator said repairs to the pier are almost complete."],
};

let baseURL: string;
let adminContext: BrowserContext;
let reporterContext: BrowserContext;
let editorContext: BrowserContext;
let anonymous: BrowserContext;
let adminPage: Page;
let reporterPage: Page;
let editorPage: Page;

let storyId: string;
let publishRequest: CapturedAction;

test.beforeAll(async ({ browser }, testInfo) => {
  baseURL = testInfo.project.use.baseURL ?? "http://127.0.0.1:3100";
  adminContext = await browser.newContext({ baseURL });
  reporterContext = await browser.newContext({ baseURL });
  editorContext = await browser.newContext({ baseURL });
  anonymous = await browser.newContext({ baseURL });
  adminPage = await adminContext.newPage();
  reporterPage = await reporterContext.newPage();
  editorPage = await editorContext.newPage();
});

test.afterAll(async () => {
  await Promise.all(
    [adminContext, reporterContext, editorContext, anonymous].map((context) => context?.close()),
  );
});

/** What an anonymous reader gets for a path. */
async function publicStatus(path: string): Promise<number> {
  return (await anonymous.request.get(path, { maxRedirects: 0 })).status();
}

test("admin sets up the newsroom and adds a reporter and an editor", async () => {
  const page = adminPage;
  await createAdminAccount(page, admin);

  await test.step("/setup is gone once a user exists", async () => {
    await page.goto("/setup");
    await expect(page).toHaveURL(/\/login(\?|$)/);
  });

  await test.step("sign-in errors do not say whether the email exists", async () => {
    await submitSignIn(page, admin.email, "not-the-right-password-at-all");
    await expect(signInError(page)).toBeVisible();
    await submitSignIn(page, "nobody@ledger.example", admin.password);
    await expect(signInError(page)).toBeVisible();
  });

  await signIn(page, admin.email, admin.password);
  await createUser(page, reporter, "reporter");
  await createUser(page, editor, "editor");
});

test("reporter writes a story and submits it for review", async () => {
  await signIn(reporterPage, reporter.email, reporter.password);
  const desk = new StoryEditor(reporterPage);
  storyId = await desk.writeNew(story);

  await expect(desk.button("Publish")).toHaveCount(0);
  await expect(desk.button("Approve")).toHaveCount(0);

  await desk.transition("Submit for review", "In review");
  const path = await desk.readPublicPath();
  expect(await publicStatus(path), `${path} while in review`).toBe(404);
});

test("editor sends the story back with a note", async () => {
  await signIn(editorPage, editor.email, editor.password);
  await editorPage.getByRole("link", { name: "Review queue", exact: true }).first().click();
  await expect(editorPage).toHaveURL(/\/newsroom\/review\/?(\?|$)/);

  const desk = await openStoryLink(editorPage, "/newsroom/review", story.headline);
  await expect(desk.status).toHaveText("In review");
  await desk.button("Request changes").click();
  const dialog = editorPage.getByRole("dialog");
  await dialog.getByLabel("Note to reporter", { exact: true }).fill(note);
  await dialog.getByRole("button", { name: "Send back", exact: true }).click();
  await expect(desk.status).toHaveText("Changes requested");
});

test("reporter sees the note, revises and resubmits", async () => {
  const desk = await openStoryLink(reporterPage, "/newsroom", story.headline);
  await expect(desk.status).toHaveText("Changes requested");
  // The note leads the page (and also stands in the notes thread and the history).
  await expect(reporterPage.getByRole("region", { name: "Changes requested" })).toContainText(note);

  await desk.appendParagraphs([revision]);
  await desk.save();
  await desk.transition("Submit for review", "In review");
});

test("editor approves and publishes", async () => {
  const desk = await openStoryLink(editorPage, "/newsroom/review", story.headline);
  await desk.transition("Approve", "Approved");
  // Keep the publish request: the last test replays it with the reporter's session.
  publishRequest = await captureServerAction(editorPage, storyId, () =>
    desk.transition("Publish", "Published"),
  );
});

test("reader finds the story on the home page and reads it", async () => {
  const page = await anonymous.newPage();
  await page.goto("/");
  await page.getByRole("link", { name: story.headline, exact: true }).first().click();
  await expect(page.locator("h1")).toHaveText(story.headline);

  // Arrive afresh, as from a search engine: after a client-side navigation Chromium starts
  // sequential focus where the clicked link used to be, not at the top of the page.
  await page.reload();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await expect(page.locator("main#main-content")).toHaveCount(1);

  await expect(page.locator("h1")).toHaveCount(1);
  await expect(page.locator("h1")).toHaveText(story.headline);
  await expect(page.getByText(story.standfirst!)).toBeVisible();
  await expect(page.getByText(`By ${reporter.name}`).first()).toBeVisible();

  const firstParagraph = story.paragraphs[0]!.replaceAll("**", "");
  await expect(page.locator("p", { hasText: firstParagraph })).toHaveText(
    new RegExp(`^\\s*${escapeRegExp(`${story.dateline} —`)}\\s*${escapeRegExp(firstParagraph)}`),
  );
  await expect(page.locator("strong", { hasText: "unanimously" })).toBeVisible();
  await expect(page.getByText(story.paragraphs[1]!)).toBeVisible();
  await expect(page.getByText(revision)).toBeVisible();

  const datetime = await page.locator("time[datetime]").first().getAttribute("datetime");
  expect(Number.isNaN(Date.parse(datetime ?? "")), `time datetime="${datetime}"`).toBe(false);

  await expect(page.getByText(`Source: ${story.source}`)).toBeVisible();
  await page.close();
});

test("a draft is a 404 to the public", async () => {
  const desk = new StoryEditor(reporterPage);
  await desk.writeNew(draft);
  await expect(desk.status).toHaveText("Draft");
  const path = await desk.readPublicPath();
  expect(await publicStatus(path), `${path} while a draft`).toBe(404);
});

test("a reporter replaying the editor's publish request is refused", async () => {
  const reporterDesk = new StoryEditor(reporterPage);
  const secondId = await reporterDesk.writeNew(second);
  await reporterDesk.transition("Submit for review", "In review");
  const path = await reporterDesk.readPublicPath();

  const editorDesk = await openStoryLink(editorPage, "/newsroom/review", second.headline);
  await editorDesk.transition("Approve", "Approved");
  await expect(editorDesk.button("Publish")).toBeVisible();

  const response = await replayServerAction(reporterContext.request, publishRequest, baseURL, {
    from: storyId,
    to: secondId,
  });
  test.info().annotations.push({
    type: "replay",
    description: `reporter's replay answered HTTP ${response.status()}`,
  });

  expect(await publicStatus(path), `${path} after the reporter's replay`).toBe(404);
  await editorDesk.open(secondId);
  await expect(editorDesk.status).toHaveText("Approved");

  await test.step("control: the same replay with the editor's session does publish", async () => {
    // Shows the replayed request was well-formed, so the refusal above came from the
    // permission check. Reported rather than failed: the action's body shape is the app's.
    await replayServerAction(editorContext.request, publishRequest, baseURL, {
      from: storyId,
      to: secondId,
    });
    const status = await publicStatus(path);
    if (status !== 200) {
      const description = `the editor's replay did not publish ${path} (HTTP ${status}); the reporter's refusal may not prove the permission check`;
      test.info().annotations.push({ type: "warning", description });
      console.warn(`warning: ${description}`);
    }
  });
});
