import { type Browser, expect, type Page, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { StoryEditor } from "./support/story-editor";
import { addStaffAsAdmin } from "./support/users";
import { uniqueStaff } from "./support/workflow";

/**
 * Issue 4, "never loses a word", at the moments where typing races the app or the browser:
 * the first save that creates a story, and the key typed straight after Enter.
 */
const reporter = uniqueStaff("Fiona First");
let reporterCreated = false;

async function reporterPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  if (!reporterCreated) {
    await addStaffAsAdmin(browser, baseURL, [[reporter, "reporter"]]);
    reporterCreated = true;
  }
  const page = await (await browser.newContext({ baseURL })).newPage();
  await signIn(page, reporter.email, reporter.password);
  return page;
}

test("typing through the first save keeps every character", async ({ browser }, testInfo) => {
  const page = await reporterPage(browser, testInfo.project.use.baseURL);
  for (let round = 0; round < 3; round++) {
    const desk = new StoryEditor(page);
    await page.goto("/newsroom/articles/new");
    await page.getByLabel("Headline", { exact: true }).fill(`First save ${round}`);
    await desk.body.click();
    await page.waitForTimeout(900 + round * 150);
    await page.keyboard.type("Demolition of the old span begins", { delay: 40 });
    await expect(desk.saveState).toHaveText("Saved", { timeout: 15_000 });
    await expect(desk.body).toHaveText("Demolition of the old span begins");
    await page.reload();
    await expect(desk.body).toHaveText("Demolition of the old span begins");
  }
  await page.context().close();
});

/**
 * In Chromium a key pressed right after Enter, before the browser reports the new
 * paragraph's selection, used to leave the caret in front of the typed letter: "Council"
 * became "ouncil" and the C rode along to the end of the story (components/editor/
 * caret-after-typing.ts). It happened in most runs of this loop on a busy machine, never
 * when idle; keys are sent with no delay, as fast as the browser takes them.
 */
test("the first letter typed straight after Enter stays at the start of its paragraph", async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const page = await reporterPage(browser, testInfo.project.use.baseURL);
  const names = "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliet Kilo Lima".split(
    " ",
  );
  for (let round = 0; round < 3; round++) {
    const desk = new StoryEditor(page);
    await page.goto("/newsroom/articles/new");
    await page.getByLabel("Headline", { exact: true }).fill(`After Enter ${round}`);
    await desk.body.click();
    const paragraphs = names.map(
      (name, i) => `${names[(i + round) % names.length]} ${i}: the council said ${name}.`,
    );
    for (const [i, text] of paragraphs.entries()) {
      if (i > 0) await page.keyboard.press("Enter");
      await page.keyboard.type(text);
    }
    const typed = () =>
      desk.body.evaluate((body) => Array.from(body.querySelectorAll("p"), (p) => p.textContent));
    expect(await typed()).toEqual(paragraphs);
    await expect(desk.saveState).toHaveText("Saved", { timeout: 15_000 });
    await page.reload();
    await expect(desk.body).toContainText(paragraphs.at(-1) ?? "");
    expect(await typed()).toEqual(paragraphs);
  }
  await page.context().close();
});

/**
 * ProseMirror hears that the caret moved from `selectionchange`, which a busy Chromium
 * delivers after the next key: Enter split the story at its top instead of its end, and a
 * link went on nothing (components/editor/selection-catch-up.ts). Holding those events back
 * makes the busy browser's order certain: every command must still act where the caret is.
 */
test("a key or button straight after the caret moves acts where the caret now is", async ({
  browser,
}, testInfo) => {
  const page = await reporterPage(browser, testInfo.project.use.baseURL);
  const desk = new StoryEditor(page);
  await page.goto("/newsroom/articles/new");
  await page.getByLabel("Headline", { exact: true }).fill("Caret on the move");
  await desk.body.click();
  await desk.typeParagraphs(["First paragraph.", "Second paragraph."]);
  await page.keyboard.press("Control+Home");
  await expect
    .poll(() => page.evaluate(() => window.getSelection()?.anchorNode?.textContent))
    .toBe("First paragraph.");

  const holdSelectionEvents = (hold: boolean) =>
    page.evaluate((on) => {
      const w = window as unknown as { heldSelection?: (event: Event) => void };
      if (on && !w.heldSelection) {
        w.heldSelection = (event) => event.stopImmediatePropagation();
        window.addEventListener("selectionchange", w.heldSelection, true);
      } else if (!on && w.heldSelection) {
        window.removeEventListener("selectionchange", w.heldSelection, true);
        w.heldSelection = undefined;
      }
    }, hold);
  const paragraphs = () =>
    desk.body.evaluate((body) => Array.from(body.querySelectorAll("p"), (p) => p.textContent));

  await holdSelectionEvents(true);
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Third paragraph.");
  expect(await paragraphs()).toEqual(["First paragraph.", "Second paragraph.", "Third paragraph."]);

  for (let i = 0; i < "paragraph.".length; i++) await page.keyboard.press("Shift+ArrowLeft");
  await desk.button("Bold").click();
  await expect(desk.body.locator("strong")).toHaveText("paragraph.");

  await page.keyboard.press("Control+Home");
  for (let i = 0; i < "First".length; i++) await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("Control+I");
  await expect(desk.body.locator("em")).toHaveText("First");
  await holdSelectionEvents(false);

  await desk.save();
  await page.reload();
  expect(await paragraphs()).toEqual(["First paragraph.", "Second paragraph.", "Third paragraph."]);
  await expect(desk.body.locator("strong")).toHaveText("paragraph.");
  await expect(desk.body.locator("em")).toHaveText("First");
  await page.context().close();
});
