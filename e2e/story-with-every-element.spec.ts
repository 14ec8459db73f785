import { type BrowserContext, expect, type Page, type Request, test } from "@playwright/test";
import sharp from "sharp";
import { signIn } from "./support/auth";
import { StoryEditor } from "./support/story-editor";
import { addStaffAsAdmin } from "./support/users";
import { uniqueStaff } from "./support/workflow";

/**
 * Issue 4 end to end: a reporter writes a story with every element the editor offers (an
 * image uploaded through `Insert image`, a related-story link through `Insert related
 * article`), an editor publishes it, and the preview and the public page carry the same body.
 * Then pasting from Google Docs, Word and a web page keeps structure and drops the rest.
 */
// Typing a whole story on a busy 2-core machine takes longer than the default minute.
test.describe.configure({ mode: "serial", timeout: 240_000 });

const reporter = uniqueStaff("Rhea Reporter");
const desk = uniqueStaff("Dev Desk");
const tag = reporter.email.slice(3, 11);

const related = {
  headline: `Ferry service returns to the harbour ${tag}`,
  paragraphs: ["The first boat left at dawn."],
};
const story = {
  headline: `Harbour bridge rebuild approved after decade of delays ${tag}`,
  standfirst: "The council backed the plan by nine votes to two.",
  dateline: "PORTSMOUTH (Ledger Wire)",
  source: "Council minutes",
  slug: `harbour-bridge-${tag}`,
  tags: ["Transport", "Harbour"],
  alt: "The old harbour bridge at low tide",
  caption: "The bridge closed to traffic in 2015.",
  credit: "Ledger photo desk",
  link: "https://example.org/minutes",
  attribution: "Council leader Ann Moss",
};

let baseURL: string;
let reporterContext: BrowserContext;
let deskContext: BrowserContext;
let reporterPage: Page;
let deskPage: Page;
let storyId: string;
let publicPath: string;

test.beforeAll(async ({ browser }, testInfo) => {
  baseURL = testInfo.project.use.baseURL ?? "http://127.0.0.1:3100";
  await addStaffAsAdmin(browser, baseURL, [
    [reporter, "reporter"],
    [desk, "editor"],
  ]);

  reporterContext = await browser.newContext({ baseURL });
  deskContext = await browser.newContext({ baseURL });
  reporterPage = await reporterContext.newPage();
  deskPage = await deskContext.newPage();
  await signIn(reporterPage, reporter.email, reporter.password);
  await signIn(deskPage, desk.email, desk.password);
});

test.afterAll(async () => {
  await reporterContext?.close();
  await deskContext?.close();
});

async function publish(id: string) {
  const editor = new StoryEditor(deskPage);
  await editor.open(id);
  await editor.transition("Approve", "Approved");
  await editor.transition("Publish", "Published");
}

/** Answers the next window.prompt with `value`. */
function answerPrompt(page: Page, value: string) {
  page.once("dialog", (dialog) => void dialog.accept(value));
}

test("a story to link to is written and published", async () => {
  const editor = new StoryEditor(reporterPage);
  const id = await editor.writeNew(related);
  await editor.transition("Submit for review", "In review");
  await publish(id);
});

test("a reporter writes a story with every element and submits it", async () => {
  const page = reporterPage;
  const editor = new StoryEditor(page);
  const { keyboard } = page;
  await page.goto("/newsroom");
  await page.getByRole("link", { name: "New article", exact: true }).first().click();
  await page.getByLabel("Headline", { exact: true }).fill(story.headline);
  await page.getByLabel("Standfirst", { exact: true }).fill(story.standfirst);
  await page.getByLabel("Dateline", { exact: true }).fill(story.dateline);
  await page.getByLabel("Section", { exact: true }).selectOption({ label: "Politics" });
  await page.getByLabel("Source", { exact: true }).fill(story.source);
  // Saved once before the body is typed: keystrokes typed while the very first save is
  // creating the story can be lost (a known bug, reported, not fixed yet).
  await editor.save();

  await editor.body.click();
  await keyboard.type("The vote ended ");
  for (const [shortcut, text] of [
    ["Control+B", "years of argument"],
    ["Control+I", "about the crossing"],
    ["Control+U", "that carries"],
    ["Control+Shift+S", "ten thousand"],
  ] as const) {
    await keyboard.press(shortcut);
    await keyboard.type(text);
    await keyboard.press(shortcut);
    await keyboard.type(" ");
  }
  await keyboard.type("cars a day, according to the minutes.");
  // A link on the last word typed: select it, then `Link`.
  for (let i = 0; i < "minutes.".length; i++) await keyboard.press("Shift+ArrowLeft");
  answerPrompt(page, story.link);
  await editor.button("Link").click();
  await keyboard.press("End");

  // The other blocks: typed as paragraphs, then each turned into its kind from the toolbar.
  for (const text of [
    "What happens next",
    "Work starts in the spring.",
    "The timetable",
    "Demolition of the old span",
    "New piers in the river",
    "Tender in March",
    "Contract in June",
    "Residents have waited long enough.",
    "This bridge will outlast all of us.",
    "Objectors may still appeal.",
  ]) {
    await keyboard.press("Enter");
    await keyboard.type(text);
  }
  const block = async (text: string, extendDown = 0) => {
    await editor.body.getByText(text).first().click();
    await keyboard.press("Home");
    for (let i = 0; i < extendDown; i++) await keyboard.press("Shift+ArrowDown");
  };
  await block("What happens next");
  await editor.button("Heading 2").click();
  await block("The timetable");
  await editor.button("Heading 3").click();
  await block("Demolition of the old span", 1);
  await editor.button("Bullet list").click();
  await block("Tender in March", 1);
  await editor.button("Numbered list").click();
  await block("Residents have waited long enough.");
  await editor.button("Quote").click();
  await block("This bridge will outlast all of us.");
  answerPrompt(page, story.attribution);
  await editor.button("Pull quote").click();
  await block("Objectors may still appeal.");
  await editor.button("Horizontal rule").click();
  await editor.body.getByText("Objectors may still appeal.").first().click();
  await keyboard.press("End");

  // An image, uploaded through the dialog with its alt text, caption and credit.
  const photo = await sharp({
    create: { width: 1200, height: 800, channels: 3, background: "#37a" },
  })
    .jpeg()
    .toBuffer();
  await editor.button("Insert image").click();
  const imageDialog = page.getByRole("dialog", { name: "Insert image" });
  await imageDialog
    .getByLabel("Upload image")
    .setInputFiles({ name: "bridge.jpg", mimeType: "image/jpeg", buffer: photo });
  await imageDialog.getByLabel("Alt text", { exact: true }).fill(story.alt);
  await imageDialog.getByLabel("Caption", { exact: true }).fill(story.caption);
  await imageDialog.getByLabel("Credit", { exact: true }).fill(story.credit);
  await imageDialog.getByRole("button", { name: "Insert", exact: true }).click();
  await expect(imageDialog).toHaveCount(0);
  await expect(editor.body.locator("figure img")).toHaveCount(1);

  // A related-story link, found by headline.
  await editor.button("Insert related article").click();
  await page.getByLabel("Find a story").fill(related.headline.slice(0, 24));
  await page.getByRole("button", { name: related.headline, exact: true }).click();
  await expect(editor.body.getByText(related.headline)).toBeVisible();
  await expect(editor.body.locator("figure img")).toHaveCount(1);

  await editor.save();
  storyId = await editor.articleId();

  // Metadata that exists once the story does: tags and a hand-set slug.
  const tagsInput = page.getByLabel("Tags", { exact: true });
  for (const name of story.tags) {
    await tagsInput.fill(name);
    await tagsInput.press("Enter");
    await expect(page.getByRole("button", { name: `Remove tag ${name}` })).toBeVisible();
  }
  const slug = page.getByLabel("Slug", { exact: true });
  await expect(slug).toHaveValue(/^harbour-bridge-rebuild-approved/);
  await slug.fill(`  Harbour\u200B Bridge ${tag} `);
  await slug.press("Enter");
  await expect(slug).toHaveValue(story.slug);
  await expect(editor.publicPath).toHaveText(`/politics/${story.slug}`);
  await slug.fill("newsroom");
  await slug.press("Enter");
  await expect(page.getByText("“newsroom” is reserved for the site")).toBeVisible();
  await slug.fill(story.slug);
  await slug.press("Enter");
  await expect(page.getByText("“newsroom” is reserved for the site")).toHaveCount(0);

  await editor.transition("Submit for review", "In review");
});

test("an editor publishes it; preview and public page render the same body with every element", async () => {
  await publish(storyId);
  publicPath = `/politics/${story.slug}`;

  const preview = await deskContext.newPage();
  await preview.goto(`/newsroom/articles/${storyId}/preview`);
  const reader = await (await deskContext.browser()!.newContext({ baseURL })).newPage();
  const response = await reader.goto(publicPath);
  expect(response?.status()).toBe(200);

  const bodyOf = (p: Page) =>
    p.locator("article .article-body").evaluate((el) => el.innerHTML.replace(/\s+/g, " "));
  const previewBody = await bodyOf(preview);
  const publicBody = await bodyOf(reader);
  expect(previewBody.length).toBeGreaterThan(500);
  expect(publicBody).toBe(previewBody);
  const headerOf = (p: Page) =>
    p.locator("article .article-header").evaluate((el) => el.textContent?.replace(/\s+/g, " "));
  expect(await headerOf(reader)).toBe(await headerOf(preview));

  const article = reader.locator("article");
  await expect(reader.locator("h1")).toHaveCount(1);
  await expect(reader.locator("h1")).toHaveText(story.headline);
  await expect(article.getByText(story.standfirst)).toBeVisible();
  await expect(article.getByText(`By ${reporter.name}`)).toBeVisible();
  await expect(article.locator("time[datetime]").first()).toBeVisible();
  const body = article.locator(".article-body");
  await expect(body.locator("p").first()).toContainText(story.dateline);
  await expect(body.locator("strong", { hasText: "years of argument" })).toBeVisible();
  await expect(body.locator("em", { hasText: "about the crossing" })).toBeVisible();
  await expect(body.locator("u", { hasText: "that carries" })).toBeVisible();
  await expect(body.locator("s", { hasText: "ten thousand" })).toBeVisible();
  await expect(body.locator(`a[href="${story.link}"]`)).toHaveText("minutes.");
  await expect(body.getByRole("heading", { level: 2, name: "What happens next" })).toBeVisible();
  await expect(body.getByRole("heading", { level: 3, name: "The timetable" })).toBeVisible();
  await expect(body.locator("ul > li")).toHaveText([
    "Demolition of the old span",
    "New piers in the river",
  ]);
  await expect(body.locator("ol > li")).toHaveText(["Tender in March", "Contract in June"]);
  await expect(body.locator("blockquote", { hasText: "Residents have waited" })).toBeVisible();
  const pull = body.locator(".pull-quote");
  await expect(pull).toContainText("This bridge will outlast all of us.");
  await expect(pull).toContainText(story.attribution);
  await expect(body.locator("hr")).toHaveCount(1);
  const figure = body.locator("figure", { has: reader.locator("img") });
  await expect(figure.locator("img")).toHaveAttribute("alt", story.alt);
  await expect(figure.locator("picture source[srcset]").first()).toBeAttached();
  await expect(figure).toContainText(story.caption);
  await expect(figure).toContainText(story.credit);
  const teaser = body.getByRole("link", { name: related.headline, exact: true });
  await expect(teaser).toHaveAttribute("href", /^\/[a-z-]+\/ferry-service-returns/);
  await expect(article.getByText(`Source: ${story.source}`)).toBeVisible();
  for (const name of story.tags) {
    await expect(article.getByRole("link", { name, exact: true })).toBeVisible();
  }
  // The uploaded image itself is served.
  const src = await figure.locator("img").getAttribute("src");
  expect((await reader.request.get(src!)).status()).toBe(200);
  await reader.context().close();
  await preview.close();
});

test("a new address for the live story reaches readers with the update, and the old one redirects", async () => {
  const editor = new StoryEditor(deskPage);
  await editor.open(storyId);
  const slug = deskPage.getByLabel("Slug", { exact: true });
  const next = `bridge-rebuild-${tag}`;
  await slug.fill(next);
  await slug.press("Enter");
  await expect(slug).toHaveValue(next);
  const before = await deskPage.request.get(publicPath, { maxRedirects: 0 });
  expect(before.status()).toBe(200);
  await editor.button("Publish update").click();
  await expect(editor.button("Publish update")).toHaveCount(0);
  const after = await deskPage.request.get(publicPath, { maxRedirects: 0 });
  expect(after.status()).toBe(301);
  expect(after.headers().location).toBe(`/politics/${next}`);
  expect((await deskPage.request.get(`/politics/${next}`)).status()).toBe(200);
});

// ---------------------------------------------------------------------------------------
// Paste: what Google Docs, Word and a web page put on the clipboard.

const GOOGLE_DOCS = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5d3e8f2a-7fff-1c2b-9a4e-0123456789ab"><h2 dir="ltr" style="line-height:1.38;margin-top:18pt;margin-bottom:6pt;"><span style="font-size:16pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">Docs heading</span></h2><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;">Plain words then </span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:700;font-style:normal;">docs bold</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;"> and </span><a href="https://example.org/docs" style="text-decoration:none;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#1155cc;font-weight:400;text-decoration:underline;">a docs link</span></a><span style="font-size:11pt;font-weight:400;font-style:italic;"> in italics</span></p><ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:disc;font-size:11pt;font-family:Arial,sans-serif;" aria-level="1"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-weight:400;">Docs item one</span></p></li><li dir="ltr" style="list-style-type:disc;" aria-level="1"><p dir="ltr" role="presentation"><span style="font-size:11pt;font-weight:400;">Docs item two</span></p></li></ul></b><br class="Apple-interchange-newline">`;

const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-size:12.0pt;} --></style></head><body lang=EN-GB style='tab-interval:36.0pt'><!--StartFragment--><h2 style='mso-margin-top-alt:auto;mso-outline-level:2'><span style='mso-fareast-font-family:"Times New Roman"'>Word heading<o:p></o:p></span></h2><p class=MsoNormal style='mso-margin-top-alt:auto'><span style='font-family:"Calibri",sans-serif;mso-bidi-font-family:Arial'>Word text with </span><b><span style='mso-bidi-font-family:Arial'>word bold</span></b><span> and <a href="https://example.org/word"><span style='color:#0563C1;mso-themecolor:hyperlink'>a word link</span></a><o:p></o:p></span></p><p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Word item one<o:p></o:p></p><p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>Word item two<o:p></o:p></p><p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Word step one<o:p></o:p></p><p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Word step two<o:p></o:p></p><!--EndFragment--></body></html>`;

const WEB = `<html><head><script>window.__pasted = 1</script><style>.x{color:red}</style></head><body><div class="article-wrapper" id="main" onclick="alert(1)"><h2 class="headline" style="color:red">Web heading</h2><p class="lede" data-track="1">Web text with <strong class="b">web bold</strong> and <a href="https://example.org/web" class="link" target="_blank" onclick="steal()">a web link</a> and <a href="javascript:alert(document.cookie)">a script link</a>.</p><script>alert("pasted")</script><iframe src="https://evil.example/frame"></iframe><img src="https://evil.example/pixel.gif" onerror="alert(1)"><ol class="steps"><li class="step">Web step one</li><li>Web step two</li></ol><form action="https://evil.example"><input name="q"><button>Go</button></form><object data="x.swf"></object><svg><script>alert(2)</script></svg><p style="background:url(javascript:alert(3))">Styled paragraph</p></div></body></html>`;

async function pasteHtml(page: Page, html: string) {
  await page.getByRole("textbox", { name: "Article body" }).evaluate((el, data) => {
    const transfer = new DataTransfer();
    transfer.setData("text/html", data);
    transfer.setData("text/plain", "plain fallback that must not be used");
    el.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
  }, html);
}

test("pasting from Google Docs, Word and a web page keeps structure and drops everything else", async () => {
  const page = reporterPage;
  const editor = new StoryEditor(page);
  await page.goto("/newsroom");
  await page.getByRole("link", { name: "New article", exact: true }).first().click();
  await page.getByLabel("Headline", { exact: true }).fill(`Pasted from everywhere ${tag}`);
  await editor.save();
  await editor.body.click();
  for (const html of [GOOGLE_DOCS, WORD, WEB]) {
    await pasteHtml(page, html);
    await page.keyboard.press("Control+End");
  }
  await editor.save();
  const id = await editor.articleId();

  // What the editor holds now.
  const body = editor.body;
  for (const text of ["Docs heading", "Word heading", "Web heading"]) {
    await expect(body.getByRole("heading", { level: 2, name: text })).toBeVisible();
  }
  for (const text of ["docs bold", "word bold", "web bold"]) {
    await expect(body.locator("strong", { hasText: text })).toBeVisible();
  }
  await expect(body.locator("em", { hasText: "in italics" })).toBeVisible();
  await expect(body.locator("ul > li")).toHaveText([
    "Docs item one",
    "Docs item two",
    "Word item one",
    "Word item two",
  ]);
  await expect(body.locator("ol > li")).toHaveText([
    "Word step one",
    "Word step two",
    "Web step one",
    "Web step two",
  ]);
  expect(await page.evaluate(() => (window as { __pasted?: number }).__pasted)).toBeUndefined();

  // What was saved, as the server renders it for readers.
  const preview = await reporterContext.newPage();
  const dialogs: string[] = [];
  preview.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await preview.goto(`/newsroom/articles/${id}/preview`);
  const saved = preview.locator("article .article-body");
  const html = await saved.evaluate((el) => el.innerHTML);
  for (const link of ["docs", "word", "web"]) {
    await expect(saved.getByRole("link", { name: `a ${link} link` })).toHaveAttribute(
      "href",
      `https://example.org/${link}`,
    );
  }
  await expect(saved.getByText("a script link")).toBeVisible();
  expect(await saved.getByText("a script link").evaluate((el) => el.closest("a"))).toBeNull();
  await expect(saved.locator("ul > li")).toHaveCount(4);
  await expect(saved.locator("ol > li")).toHaveCount(4);
  await expect(saved.locator("h2")).toHaveCount(3);
  await expect(saved.getByText("Styled paragraph")).toBeVisible();
  for (const forbidden of [
    /<script/i,
    /<iframe/i,
    /<img/i,
    /<form/i,
    /<input/i,
    /<object/i,
    /<svg/i,
    /<style/i,
    /\sstyle=/i,
    /\sclass="(article-wrapper|headline|lede|b|link|steps|step|MsoNormal)/i,
    /\son[a-z]+=/i,
    /javascript:/i,
    /evil\.example/,
    /docs-internal-guid/,
    /mso-/i,
    /o:p/i,
    /plain fallback/,
    /·/,
  ]) {
    expect(html, `saved body must not match ${forbidden}`).not.toMatch(forbidden);
  }
  expect(dialogs).toEqual([]);
  await preview.close();
});

test("a story too large for one save gets a clear message, is not sent, and saves again once shortened", async () => {
  const page = reporterPage;
  const editor = new StoryEditor(page);
  await page.goto("/newsroom");
  await page.getByRole("link", { name: "New article", exact: true }).first().click();
  await page.getByLabel("Headline", { exact: true }).fill(`An enormous story ${tag}`);
  await editor.body.click();
  await page.keyboard.type("A short start.");
  await editor.save();

  const actions: string[] = [];
  const onRequest = (request: Request) => {
    // Other actions (the edit-lock heartbeat) may run meanwhile; none may carry the story.
    const size = request.postDataBuffer()?.length ?? 0;
    if (request.method() === "POST" && request.headers()["next-action"] && size > 1_000_000) {
      actions.push(`${size} bytes`);
    }
  };
  page.on("request", onRequest);
  // About 6.6 MB of text: past the 6 MB a server action accepts.
  const paragraph = `${"word ".repeat(1_320)}`;
  await pasteHtml(page, `<p>${paragraph}</p>`.repeat(1_000));
  const state = page.getByRole("status").filter({ hasText: "Unsaved changes" });
  await expect(state).toHaveText("Unsaved changes (too large to save)", { timeout: 30_000 });
  await expect(page.getByRole("alert").filter({ hasText: "too large to save" })).toContainText(
    "Nothing was sent and your text is kept in this browser",
  );
  await page.waitForTimeout(2_000);
  expect(actions, "no save request may carry the oversized story").toEqual([]);
  page.off("request", onRequest);

  // Cut it back: the next save goes through and the message goes away.
  await editor.body.locator("p").first().click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("A story of a sensible length.");
  await expect(editor.saveState).toHaveText("Saved", { timeout: 15_000 });
  await expect(page.getByRole("alert").filter({ hasText: "too large to save" })).toHaveCount(0);
});
