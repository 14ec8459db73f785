import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { baseVersionOf, isSaveRequest, savedVersionIn } from "./support/local-copies";
import { StoryEditor } from "./support/story-editor";
import { addStaffAsAdmin } from "./support/users";
import { uniqueStaff } from "./support/workflow";

/**
 * THREATS row 33, "same-tab saves serialized" (Ghost #8969): while one save is on its way,
 * the next waits for its answer and is sent on the version that answer gave, so one tab never
 * conflicts with itself. (Named to sort after foundation.spec.ts.)
 *
 * Next.js also queues server actions one at a time, so the request order alone would not
 * catch a missing queue in the editor: the version the second save carries, and the absence
 * of a conflict, would (a save started before the first's answer quotes the old version).
 */
const reporter = uniqueStaff("Sam Sequence");

test("a second save waits for the first one's answer and is sent on the version it returned: no conflict with itself", async ({
  browser,
}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  await addStaffAsAdmin(browser, baseURL, [[reporter, "reporter"]]);
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, reporter.email, reporter.password);
  const desk = new StoryEditor(page);
  const id = await desk.writeNew({
    headline: `Tram depot vote ${reporter.email.slice(3, 11)}`,
    section: "World",
    paragraphs: ["Councillors vote on the tram depot tonight."],
  });
  await desk.open(id);

  const events: string[] = [];
  const sent: { baseVersion: number }[] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let firstVersion = 0;
  await page.route("**/newsroom/articles/**", async (route) => {
    const request = route.request();
    if (!isSaveRequest(request)) return route.continue();
    sent.push({ baseVersion: baseVersionOf(request) });
    const n = sent.length;
    events.push(`save ${n} sent`);
    if (n > 1) return route.continue();
    // The first save reaches the server, but its answer is held back.
    const response = await route.fetch();
    const body = await response.text();
    firstVersion = savedVersionIn(body);
    await released;
    events.push("save 1 answered");
    await route.fulfill({ response, body });
  });

  await desk.appendParagraphs(["First burst of typing."]);
  await expect.poll(() => sent.length).toBe(1);
  await expect(desk.saveState).toHaveText("Saving…");

  // More typing while the first save is unanswered: a second save falls due (autosave
  // fires 1.2 s after the last key; the Save button asks at once).
  await page.keyboard.type(" Second burst, typed while the first save was out.");
  await page.waitForTimeout(2_500);
  await desk.button("Save").click();
  await page.waitForTimeout(500);
  expect(events).toEqual(["save 1 sent"]);

  release();
  await expect.poll(() => sent.length).toBeGreaterThanOrEqual(2);
  expect(events.slice(0, 3)).toEqual(["save 1 sent", "save 1 answered", "save 2 sent"]);
  expect(firstVersion).toBe((sent[0]?.baseVersion ?? 0) + 1);
  expect(sent[1]?.baseVersion).toBe(firstVersion);
  await expect(desk.saveState).toHaveText("Saved");
  await expect(page.getByRole("region", { name: "Save conflict" })).toHaveCount(0);
  await expect(page.getByRole("alert").filter({ hasText: /conflict|changed/i })).toHaveCount(0);

  await page.unroute("**/newsroom/articles/**");
  await page.reload();
  await expect(new StoryEditor(page).body).toContainText(
    "First burst of typing. Second burst, typed while the first save was out.",
  );
  await context.close();
});
