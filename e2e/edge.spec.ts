import {
  type APIRequestContext,
  type BrowserContext,
  expect,
  type Page,
  request,
  test,
} from "@playwright/test";
import { createAdminAccount, signIn } from "./support/auth";
import { addStaff } from "./support/comments";
import { type EdgeStack, startEdgeStack } from "./support/edge";
import { admin, editor } from "./support/people";
import { StoryEditor } from "./support/story-editor";

/**
 * Issue 5 (caching) and 6 (several instances): the real cache front — Varnish from Debian,
 * configured by edge/ — in front of the production build. Readers get cached pages, an
 * update or an unpublication reaches them on their very next request (the app bans the
 * pages before the editor's click returns), and staff pages are never stored.
 */
test.describe.configure({ mode: "serial" });

let stack: EdgeStack;
let adminContext: BrowserContext;
let adminPage: Page;
let reader: APIRequestContext;
let storyId: string;
let articlePath: string;
const headline = "Harbour ferry returns after winter repairs";
const updatedHeadline = "Harbour ferry returns early after winter repairs";

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  stack = await startEdgeStack();
  adminContext = await browser.newContext({ baseURL: stack.baseURL });
  adminPage = await adminContext.newPage();
  await createAdminAccount(adminPage, admin);
  await signIn(adminPage, admin.email, admin.password);
  await addStaff(adminPage, editor, "editor");
  const story = new StoryEditor(adminPage);
  storyId = await story.writeNew({
    headline,
    standfirst: "The crossing reopens on Saturday.",
    dateline: "PORTSMOUTH (Ledger Wire)",
    section: "World",
    paragraphs: ["Repairs to the hull took eleven weeks."],
  });
  await story.transition("Submit for review", "In review");
  await story.transition("Approve", "Approved");
  await story.transition("Publish", "Published");
  articlePath = await story.readPublicPath();
  reader = await request.newContext({ baseURL: stack.baseURL });
});

test.afterAll(async () => {
  await reader?.dispose();
  await adminContext?.close();
  await stack?.stop();
});

test("reader pages come from the front's cache, whatever cookies the reader sends", async () => {
  const first = await reader.get(articlePath);
  expect(first.status()).toBe(200);
  expect(await first.text()).toContain(headline);
  const second = await reader.get(articlePath);
  expect(second.headers()["x-cache"]).toBe("hit");
  // A cookie (a signed-in editor reading the site, analytics) does not split the cache.
  const withCookie = await reader.get(articlePath, {
    headers: { cookie: "next-auth.session-token=someone; _ga=GA1.2.3" },
  });
  expect(withCookie.headers()["x-cache"]).toBe("hit");
  expect(await withCookie.text()).toBe(await second.text());
  await reader.get("/");
  expect((await reader.get("/")).headers()["x-cache"]).toBe("hit");
});

test("readers that accept gzip and readers that do not each get a stored copy", async () => {
  // Varnish keeps one copy per normalised Accept-Encoding (edge/varnish.vcl) instead of
  // gunzipping its one gzipped copy for every plain request.
  let html = "";
  for (const encoding of ["gzip, deflate, br", "identity", "deflate", "gzip"]) {
    const headers = { "accept-encoding": encoding };
    await reader.get(articlePath, { headers });
    const again = await reader.get(articlePath, { headers });
    expect(again.headers()["x-cache"], encoding).toBe("hit");
    expect(again.headers()["content-encoding"], encoding).toBe(
      encoding.includes("gzip") ? "gzip" : undefined,
    );
    const text = await again.text(); // decoded by the client
    expect(text).toContain(headline);
    if (html) expect(text).toBe(html);
    html = text;
  }
});

test("a published update is what the next reader request gets through the front", async () => {
  const desk = new StoryEditor(adminPage);
  await desk.open(storyId);
  await adminPage.getByLabel("Headline", { exact: true }).fill(updatedHeadline);
  await desk.save();
  // Saved but not published: readers still get the cached live version.
  const before = await reader.get(articlePath);
  expect(before.headers()["x-cache"]).toBe("hit");
  expect(await before.text()).not.toContain(updatedHeadline);

  await desk.button("Publish update").click();
  // The click has returned once the editor no longer offers it (the update is live).
  await expect(desk.button("Publish update")).toHaveCount(0);
  const after = await reader.get(articlePath);
  expect(after.status()).toBe(200);
  expect(await after.text()).toContain(updatedHeadline);
  expect(await (await reader.get("/")).text()).toContain(updatedHeadline);
  expect(await (await reader.get("/world")).text()).toContain(updatedHeadline);
});

test("an unpublished story is 410 Gone through the front on the next request", async () => {
  // Cached again first, so that the ban (not an expiry) is what removes it.
  await reader.get(articlePath);
  expect((await reader.get(articlePath)).headers()["x-cache"]).toBe("hit");
  const desk = new StoryEditor(adminPage);
  await desk.open(storyId);
  await desk.transition("Unpublish", "Unpublished");
  const gone = await reader.get(articlePath);
  expect(gone.status()).toBe(410);
  expect(await gone.text()).not.toContain("Repairs to the hull");
  expect(await (await reader.get("/")).text()).not.toContain(updatedHeadline);
  expect(await (await reader.get("/feed.xml")).text()).not.toContain(updatedHeadline);
  expect(await (await reader.get("/sitemap.xml")).text()).not.toContain(articlePath);
  // THREATS 41: however it is asked for (Next's client-router header too).
  expect((await reader.get(articlePath, { headers: { RSC: "1" } })).status()).toBe(410);
  expect((await reader.get(`${articlePath}?utm_source=feed`)).status()).toBe(410);
});

test("staff pages are never cached: two people each get their own newsroom", async ({
  browser,
}) => {
  const editorContext = await browser.newContext({ baseURL: stack.baseURL });
  const editorPage = await editorContext.newPage();
  try {
    await signIn(editorPage, editor.email, editor.password);
    for (let round = 0; round < 2; round++) {
      for (const [page, me, other] of [
        [adminPage, admin, editor],
        [editorPage, editor, admin],
      ] as const) {
        const response = await page.goto("/newsroom");
        expect(response?.headers()["x-cache"]).toBe("pass");
        await expect(page.getByText(`${me.name} · `)).toBeVisible();
        await expect(page.getByText(`${other.name} · `)).toHaveCount(0);
      }
    }
    // The reader-exact preview of a story is a staff page too.
    const preview = await adminPage.goto(`/newsroom/articles/${storyId}/preview`);
    expect(preview?.headers()["x-cache"]).toBe("pass");
    // Someone with no session is sent to sign in, never shown a cached staff page.
    const anonymous = await reader.get("/newsroom", { maxRedirects: 0 });
    expect(anonymous.status()).toBeGreaterThanOrEqual(300);
    expect(anonymous.status()).toBeLessThan(400);
    expect(anonymous.headers()["x-cache"]).toBe("pass");
  } finally {
    await editorContext.close();
  }
});
