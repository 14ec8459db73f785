import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { signIn, signInAsAdmin } from "./support/auth";
import { admin } from "./support/people";
import { openStoryLink, StoryEditor } from "./support/story-editor";
import { createUser } from "./support/users";
import { uniqueStaff } from "./support/workflow";

/**
 * Issue 3: a desk's full cycle — assignment → draft → request changes → resubmit → approve
 * → schedule a minute ahead (absent before, live after) → update with a correction while
 * the old version stays public → publish the update → unpublish → gone everywhere.
 */
test.describe.configure({ mode: "serial" });

const reporter = uniqueStaff("Wanda Workflow");
const editor = uniqueStaff("Ernest Desk");
const headline = `Tram line extension gets green light ${reporter.name.split(" ").at(-1)}`;
const firstText = "The extension will add six stops between the station and the hospital.";
const updateText = "Construction is now expected to begin in March, not January.";
const correction = "An earlier version of this story gave the wrong start month.";

let adminContext: BrowserContext;
let reporterContext: BrowserContext;
let editorContext: BrowserContext;
let anonymous: BrowserContext;
let reporterPage: Page;
let editorPage: Page;
let storyId: string;
let publicPath: string;

test.beforeAll(async ({ browser }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  adminContext = await browser.newContext({ baseURL });
  reporterContext = await browser.newContext({ baseURL });
  editorContext = await browser.newContext({ baseURL });
  anonymous = await browser.newContext({ baseURL });
  reporterPage = await reporterContext.newPage();
  editorPage = await editorContext.newPage();
});

test.afterAll(async () => {
  await Promise.all(
    [adminContext, reporterContext, editorContext, anonymous].map((c) => c?.close()),
  );
});

const publicGet = (path: string) => anonymous.request.get(path, { maxRedirects: 0 });

test("admin adds a reporter and an editor", async () => {
  const page = await adminContext.newPage();
  await signInAsAdmin(page, admin);
  await createUser(page, reporter, "reporter");
  await createUser(page, editor, "editor");
  await signIn(reporterPage, reporter.email, reporter.password);
  await signIn(editorPage, editor.email, editor.password);
});

test("editor assigns a story; the reporter sees it on the dashboard", async () => {
  await editorPage.goto("/newsroom/assignments/new");
  await editorPage.getByLabel("Working headline").fill(headline);
  await editorPage.getByLabel("Section", { exact: true }).selectOption({ label: "Business" });
  await editorPage.getByLabel("Reporter").selectOption({ label: `${reporter.name} (reporter)` });
  await editorPage.getByLabel("Deadline").fill("2031-01-15T17:00");
  await editorPage.getByLabel("Brief").fill("Get the council vote and the cost.");
  await editorPage.getByRole("button", { name: "Create assignment" }).click();
  const desk = new StoryEditor(editorPage);
  storyId = await desk.articleId();

  await reporterPage.goto("/newsroom");
  const assignments = reporterPage.getByRole("region", { name: "Assignments" });
  await expect(assignments.getByRole("link", { name: headline })).toBeVisible();
  await expect(
    reporterPage.getByRole("link", { name: /Notifications \(\d+ unread\)/ }),
  ).toBeVisible();
});

test("reporter writes it and submits; editor requests changes; reporter resubmits", async () => {
  const mine = await openStoryLink(reporterPage, "/newsroom", headline);
  await reporterPage.getByLabel("Dateline", { exact: true }).fill("RIVERTON");
  await mine.body.click();
  await mine.typeParagraphs([firstText]);
  await mine.save();
  await mine.transition("Submit for review", "In review");

  const desk = await openStoryLink(editorPage, "/newsroom/review", headline);
  await desk.button("Request changes").click();
  const dialog = editorPage.getByRole("dialog");
  await dialog.getByLabel("Note to reporter").fill("Add the cost, please.");
  await dialog.getByRole("button", { name: "Send back" }).click();
  await expect(desk.status).toHaveText("Changes requested");

  await mine.open(storyId);
  await expect(mine.status).toHaveText("Changes requested");
  await mine.appendParagraphs(["The project will cost £240 million."]);
  await mine.save();
  await mine.transition("Submit for review", "In review");
});

test("editor approves and schedules a minute ahead: absent until then, live after", async () => {
  test.setTimeout(240_000);
  const desk = new StoryEditor(editorPage);
  await desk.open(storyId);
  await desk.transition("Approve", "Approved");
  publicPath = await desk.readPublicPath();

  await desk.button("Schedule").click();
  const dialog = editorPage.getByRole("dialog");
  // The newsroom's zone is UTC by default; a datetime-local value in it.
  const at = new Date(Date.now() + 60_000).toISOString().slice(0, 19);
  await dialog.getByLabel("Publish at").fill(at);
  await dialog.getByRole("button", { name: "Confirm schedule" }).click();
  await expect(desk.status).toHaveText("Scheduled");

  expect((await publicGet(publicPath)).status()).toBe(404);
  expect(await (await publicGet("/")).text()).not.toContain(headline);
  expect(await (await publicGet("/feed.xml")).text()).not.toContain(headline);

  await expect
    .poll(async () => (await publicGet(publicPath)).status(), {
      timeout: 150_000,
      intervals: [2_000],
    })
    .toBe(200);
  expect(await (await publicGet("/")).text()).toContain(headline);
  await desk.open(storyId);
  await expect(desk.status).toHaveText("Published");
});

test("an update with a correction: the old version stays public until published", async () => {
  const desk = new StoryEditor(editorPage);
  await desk.open(storyId);
  await desk.appendParagraphs([updateText]);
  await desk.save();
  await expect(desk.status).toHaveText("Published");
  expect(await (await publicGet(publicPath)).text()).not.toContain(updateText);

  await editorPage.getByLabel("Correction note").fill(correction);
  await desk.button("Publish update").click();
  await expect(editorPage.getByLabel("Correction note")).toHaveCount(0);

  const page = await anonymous.newPage();
  await page.goto(publicPath);
  await expect(page.getByText(updateText)).toBeVisible();
  await expect(page.getByText(correction)).toBeVisible();
  await expect(page.getByText(/Updated/).first()).toBeVisible();
  await page.goto("/corrections");
  await expect(page.getByText(correction)).toBeVisible();
  await page.close();
});

test("unpublish removes it from every public surface", async () => {
  const desk = new StoryEditor(editorPage);
  await desk.open(storyId);
  await desk.transition("Unpublish", "Unpublished");
  expect([404, 410]).toContain((await publicGet(publicPath)).status());
  expect(await (await publicGet("/")).text()).not.toContain(headline);
  expect(await (await publicGet("/business")).text()).not.toContain(headline);
  expect(await (await publicGet("/feed.xml")).text()).not.toContain(headline);
  expect(await (await publicGet("/sitemap.xml")).text()).not.toContain(publicPath);
  const search = await publicGet(`/search?q=${encodeURIComponent("tram extension")}`);
  expect(await search.text()).not.toContain(headline);
});
