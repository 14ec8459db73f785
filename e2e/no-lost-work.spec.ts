import { type BrowserContext, expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { StoryEditor } from "./support/story-editor";
import { addStaffAsAdmin } from "./support/users";
import { uniqueStaff } from "./support/workflow";

/**
 * (Named to sort after foundation.spec.ts, which must be the first to use the shared server:
 * it performs /setup.) Issue 4's "no lost work": text typed offline survives a crash and is restored, and two
 * people saving the same story from different versions get the conflict view, not a loss.
 */
test.describe.configure({ mode: "serial" });

const reporter = uniqueStaff("Olive Offline");
const editor = uniqueStaff("Conrad Conflict");
let reporterContext: BrowserContext;
let editorContext: BrowserContext;
let storyUrl: string;

test.beforeAll(async ({ browser }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  await addStaffAsAdmin(browser, baseURL, [
    [reporter, "reporter"],
    [editor, "editor"],
  ]);
  reporterContext = await browser.newContext({ baseURL });
  editorContext = await browser.newContext({ baseURL });
});

test.afterAll(async () => {
  await Promise.all([reporterContext, editorContext].map((c) => c?.close()));
});

test("text typed offline survives a crash, is offered back, and reaches the server", async () => {
  const page = await reporterContext.newPage();
  await signIn(page, reporter.email, reporter.password);
  const desk = new StoryEditor(page);
  await desk.writeNew({
    headline: `Ferry timetable changes ${reporter.name.split(" ").at(-1)}`,
    section: "World",
    paragraphs: ["The winter timetable starts on Monday."],
  });
  storyUrl = page.url();

  await reporterContext.setOffline(true);
  await desk.appendParagraphs(["Typed while the connection was down."]);
  await expect(desk.saveState).toHaveText(/Offline|Unsaved changes/);
  // Give the browser copy a moment to be written, then lose the tab.
  await page.waitForTimeout(1_000);
  await page.close();
  await reporterContext.setOffline(false);

  const again = await reporterContext.newPage();
  await again.goto(storyUrl);
  const reopened = new StoryEditor(again);
  await expect(reopened.body).not.toContainText("Typed while the connection was down.");
  const offer = again.getByRole("region", { name: "Unsaved changes found" });
  await expect(offer).toBeVisible();
  await offer.getByRole("button", { name: "Restore them" }).click();
  await expect(reopened.body).toContainText("Typed while the connection was down.");
  await expect(reopened.saveState).toHaveText("Saved", { timeout: 15_000 });

  await again.reload();
  await expect(new StoryEditor(again).body).toContainText("Typed while the connection was down.");
  await again.close();
});

test("two people saving from different versions get the conflict view and lose nothing", async () => {
  const mine = await reporterContext.newPage();
  await mine.goto(storyUrl);
  const theirs = await editorContext.newPage();
  await signIn(theirs, editor.email, editor.password);
  await theirs.goto(storyUrl);

  const a = new StoryEditor(mine);
  const b = new StoryEditor(theirs);
  await expect(a.body).toBeVisible();
  await expect(b.body).toBeVisible();

  await b.appendParagraphs(["The editor added this line."]);
  await b.save();

  await a.appendParagraphs(["The reporter added this other line."]);
  await a.button("Save").click();
  const conflict = mine.getByRole("region", { name: "Save conflict" });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("The editor added this line.");
  await expect(conflict).toContainText("The reporter added this other line.");
  await expect(a.body).toContainText("The reporter added this other line.");

  await conflict.getByRole("button", { name: "Keep my version" }).click();
  await expect(a.saveState).toHaveText("Saved");
  await theirs.reload();
  await expect(new StoryEditor(theirs).body).toContainText("The reporter added this other line.");

  // The version not kept is still in the history, saved by the editor.
  await theirs.goto(`${storyUrl}/revisions`);
  await expect(theirs.getByRole("main")).toContainText(editor.name);
});
