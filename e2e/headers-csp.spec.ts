import {
  type APIResponse,
  type Browser,
  expect,
  type Page,
  type Response,
  test,
} from "@playwright/test";
import sharp from "sharp";
import { answeredByRouteHandler } from "../server/http/security-headers";
import { signIn } from "./support/auth";
import { CspWatcher, settle } from "./support/csp";
import { signInAsAdmin, uniquePerson } from "./support/staff";
import { StoryEditor } from "./support/story-editor";
import { createUser } from "./support/users";

/**
 * Issue 6, Security 4 and THREATS rows 15 and 42: every page of the app, as each role and as
 * an anonymous reader, loads and is used (the editor typed in, dialogs opened, an image
 * uploaded, a comment posted) without a single Content-Security-Policy violation, and each
 * kind of page sends the headers it should. Runs after foundation.spec.ts (which sets up the
 * newsroom; this file's name sorts after it), but creates its own staff and stories.
 */
test.describe.configure({ mode: "serial" });

const csp = new CspWatcher();
const { violations } = csp;
const watchedPage = (browser: Browser): Promise<Page> => csp.page(browser);
const expectNoViolations = (): void => csp.expectNone();

type Headers = Record<string, string>;

function expectCommonHeaders(headers: Headers): void {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  // Served over plain http (SITE_URL http, no trusted proxy): no HSTS.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

function directive(csp: string, name: string): string {
  return (
    csp
      .split(";")
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${name} `)) ?? ""
  );
}

/** A staff page: a per-request nonce that Next put on every script it sent. */
async function expectStaffHeaders(response: Response | APIResponse | null): Promise<string> {
  expect(response, "page response").not.toBeNull();
  const headers = response ? await headersOf(response) : {};
  expectCommonHeaders(headers);
  const csp = headers["content-security-policy"] ?? "";
  const scriptSrc = directive(csp, "script-src");
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
  expect(nonce, `script-src with a nonce in ${csp}`).toBeTruthy();
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(scriptSrc).not.toContain("unsafe-eval");
  expect(directive(csp, "style-src")).not.toContain("unsafe-inline");
  expect(directive(csp, "object-src")).toBe("object-src 'none'");
  expect(directive(csp, "base-uri")).toBe("base-uri 'none'");
  const html = response ? await response.text() : "";
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  return nonce ?? "";
}

/** A public page: a fixed policy with no inline script allowed at all. */
async function expectReaderHeaders(response: Response | APIResponse | null): Promise<void> {
  expect(response, "page response").not.toBeNull();
  const headers = response ? await headersOf(response) : {};
  expectCommonHeaders(headers);
  const csp = headers["content-security-policy"] ?? "";
  expect(directive(csp, "script-src")).toBe("script-src 'self'");
  expect(csp).not.toContain("nonce-");
  expect(csp).not.toContain("unsafe-inline");
  const html = response ? await response.text() : "";
  // The only <script> elements allowed are external files and JSON-LD data.
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    expect(tag).toMatch(/src="\/|type="application\/ld\+json"/);
  }
}

async function headersOf(response: Response | APIResponse): Promise<Headers> {
  return "allHeaders" in response ? await response.allHeaders() : response.headers();
}

async function visitStaff(page: Page, path: string): Promise<string> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  const nonce = await expectStaffHeaders(response);
  await settle(page);
  return nonce;
}

async function visitReader(page: Page, path: string, status = 200): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  await expectReaderHeaders(response);
  await settle(page);
}

/** A small real PNG for the upload dialog (it shows a blob: preview before uploading). */
async function pngFile() {
  const buffer = await sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 60, b: 40 } },
  })
    .png()
    .toBuffer();
  return { name: "csp-check.png", mimeType: "image/png", buffer };
}

const reporter = uniquePerson("CSP Reporter");
const editor = uniquePerson("CSP Editor");
const headline = `Night buses return to the ring road ${Date.now()}`;
let storyId = "";
let publicPath = "";

test.afterAll(async () => {
  await csp.closeAll();
});

/**
 * Serves the real page with its real headers, but with a stored-XSS payload slipped into
 * the HTML on the way: what the policy is there to stop.
 */
async function injectPayload(page: Page, path: string): Promise<void> {
  await page.route(
    (url) => url.pathname === path,
    async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        "</body>",
        '<script>window.__injected = 1</script><img src="/x" onerror="window.__injected = 2"></body>',
      );
      await route.fulfill({ response, body: html });
    },
  );
}

test("the watcher sees violations: an injected script on a staff and a reader page is blocked", async ({
  browser,
}) => {
  for (const path of ["/login", "/corrections"]) {
    const page = await watchedPage(browser);
    await injectPayload(page, path);
    await page.goto(path);
    await settle(page);
    expect(await page.evaluate(() => "__injected" in window), path).toBe(false);
    expect(
      violations.filter((v) => v.directive.startsWith("script-src")).length,
      path,
    ).toBeGreaterThanOrEqual(2);
    violations.length = 0;
    await page.close();
  }
});

test("admin: every newsroom page, staff management and settings", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await watchedPage(browser);
  await visitStaff(page, "/login");
  await signInAsAdmin(page);
  await createUser(page, reporter, "reporter");
  await createUser(page, editor, "editor");
  expectNoViolations();

  const first = await visitStaff(page, "/newsroom");
  const second = await visitStaff(page, "/newsroom");
  expect(second).not.toBe(first);

  for (const path of [
    "/newsroom/users",
    "/newsroom/users/new",
    "/newsroom/audit",
    "/newsroom/sections",
    "/newsroom/comments",
    "/newsroom/review",
    "/newsroom/assignments/new",
    "/newsroom/notifications",
    "/newsroom/profile",
    "/newsroom/profile/security",
    "/newsroom/articles/new",
  ]) {
    await visitStaff(page, path);
  }
  await page.goto("/newsroom/users");
  await page.getByRole("link", { name: reporter.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: reporter.name })).toBeVisible();
  await settle(page);
  expectNoViolations();
});

test("reporter: writes in the editor with the toolbar, uploads an image, reads history", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const page = await watchedPage(browser);
  await signIn(page, reporter.email, reporter.password);
  const desk = new StoryEditor(page);
  storyId = await desk.writeNew({
    headline,
    standfirst: "Services restart on Monday after a two-year pause.",
    dateline: "RIVERTON",
    section: "Politics",
    source: "Transport authority",
    paragraphs: [
      "The **night network** returns with six routes.",
      "Fares stay at the daytime price.",
    ],
  });
  await visitStaff(page, `/newsroom/articles/${storyId}`);
  await expect(desk.status).toBeVisible();

  // Keyboard and toolbar formatting: marks, headings, lists, a quote, a link.
  await desk.body.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("## Routes");
  await page.keyboard.press("Enter");
  await page.keyboard.type("- N1 to the harbour");
  await page.keyboard.press("Enter");
  await page.keyboard.type("N2 to the station");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.keyboard.type("> Quiet streets at last, said one driver.");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+I");
  await page.keyboard.type("Timetables are online.");
  await page.keyboard.press("Shift+Home");
  page.once("dialog", (dialog) => dialog.accept("https://example.org/timetables"));
  await page
    .getByRole("toolbar", { name: "Formatting" })
    .getByRole("button", { name: "Link" })
    .click();
  await expect(desk.body.locator('a[href="https://example.org/timetables"]')).toHaveCount(1);
  await page.keyboard.press("End");
  await desk.save();

  // The image dialog: a blob: preview, an upload, the figure in the document.
  await page.getByRole("button", { name: "Insert image", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Insert image" });
  await dialog.getByLabel("Upload image").setInputFiles(await pngFile());
  await expect(dialog.locator('img[src^="blob:"]')).toBeVisible();
  await dialog.getByLabel("Alt text", { exact: true }).fill("A night bus at a stop");
  await dialog.getByRole("button", { name: "Insert", exact: true }).click();
  await expect(desk.body.locator("figure img")).toBeVisible();
  await desk.save();

  await visitStaff(page, `/newsroom/articles/${storyId}/revisions`);
  await visitStaff(page, `/newsroom/articles/${storyId}/revisions/1`);
  await visitStaff(page, `/newsroom/articles/${storyId}/revisions/compare?from=1&to=2`);
  // The preview is the reader's own view: the reader's policy.
  await visitReader(page, `/newsroom/articles/${storyId}/preview`);

  await desk.open(storyId);
  await desk.transition("Submit for review", "In review");
  await visitStaff(page, "/newsroom/notifications");
  await visitStaff(page, "/newsroom/profile");
  await settle(page);
  expectNoViolations();
});

test("editor: review queue, request-changes and schedule dialogs, publish, comments", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const page = await watchedPage(browser);
  await signIn(page, editor.email, editor.password);
  await visitStaff(page, "/newsroom/review");
  const desk = new StoryEditor(page);
  await desk.open(storyId);
  await settle(page);

  await desk.button("Request changes").click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await desk.transition("Approve", "Approved");
  await desk.button("Schedule").click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await desk.transition("Publish", "Published");
  publicPath = await desk.readPublicPath();

  await visitStaff(page, "/newsroom/comments");
  await visitStaff(page, "/newsroom/sections");
  await visitStaff(page, "/newsroom/assignments/new");
  await settle(page);
  expectNoViolations();
});

test("reader: every kind of public page, the comment form and its script", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await watchedPage(browser);
  await visitReader(page, "/");
  // Every link the home page offers into the site (sections, stories, tags, authors…).
  const links = await page
    .locator("a[href^='/']")
    .evaluateAll((anchors) => [
      ...new Set(anchors.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? "")),
    ]);
  const pages = links.filter((href) => !href.startsWith("/newsroom") && !href.includes("#"));
  expect(pages.length).toBeGreaterThan(3);
  for (const href of pages) {
    const response = await page.goto(href);
    const type = (await response?.allHeaders())?.["content-type"] ?? "";
    if (!type.startsWith("text/html")) continue;
    expect(response?.status(), href).toBe(200);
    // The masthead may link to sign-in, an App Router page with the staff policy.
    if (answeredByRouteHandler(new URL(href, "http://x").pathname)) {
      await expectReaderHeaders(response);
    } else {
      await expectStaffHeaders(response);
    }
    await settle(page);
  }

  await visitReader(page, publicPath);
  for (const href of await page
    .locator("a[href^='/tags/'], a[href^='/authors/']")
    .evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""))) {
    await visitReader(page, href);
  }
  await visitReader(page, "/search?q=night+buses");
  await visitReader(page, "/corrections");
  await visitReader(page, "/no-such-section/no-such-story", 404);
  // Deeper unknown paths get Next's own not-found page: the nonce policy.
  const unknown = await page.goto("/no/such/page");
  expect(unknown?.status()).toBe(404);
  await expectStaffHeaders(unknown);
  await settle(page);

  // The comment form works with its external enhancement script under the policy.
  await visitReader(page, publicPath);
  await page.getByLabel("Name", { exact: true }).fill("Pat Reader");
  await page.getByLabel("Email", { exact: true }).fill("pat.reader@example.org");
  await page.getByLabel("Comment", { exact: true }).fill("Good news for shift workers.");
  await page.getByRole("button", { name: "Post Comment" }).click();
  await expect(page.getByText("Your comment is awaiting moderation")).toBeVisible();
  await settle(page);

  // Sign-in pages, as someone signed out.
  await visitStaff(page, "/login");
  const reset = await page.goto("/reset-password/not-a-real-token");
  await expectStaffHeaders(reset);
  await settle(page);
  expectNoViolations();
});

/** Headers that differ between any two responses, or with how the body was framed. */
const PER_RESPONSE = new Set([
  "date",
  "connection",
  "keep-alive",
  "content-length",
  "transfer-encoding",
  "x-page-cache",
]);

function comparable(headers: Headers): Headers {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !PER_RESPONSE.has(name))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

test("a page the app answers from its page cache has exactly the headers Next sent for it", async ({
  request,
}) => {
  // Issue 5: scripts/serve.mjs answers page-cache hits before Next routes the request
  // (server/cache/hits.ts). The first request for each address is a miss that Next answers
  // (proxy.ts, the route, Next's Vary and compression); the second is the hit path's.
  const run = Date.now();
  for (const path of ["/", "/feed.xml", "/no-such-section/no-such-story", publicPath]) {
    for (const encoding of ["identity", "gzip, deflate, br"]) {
      const target = `${path}?hits=${run}-${encoding.length}`;
      const headers = { "accept-encoding": encoding };
      const miss = await request.get(target, { headers });
      const hit = await request.get(target, { headers });
      expect(miss.headers()["x-page-cache"], target).toBe("miss");
      expect(hit.headers()["x-page-cache"], target).toBe("hit");
      expect(hit.status(), target).toBe(miss.status());
      expect(comparable(hit.headers()), `${target} (${encoding})`).toEqual(
        comparable(miss.headers()),
      );
      expect((await hit.body()).equals(await miss.body()), target).toBe(true);
      if (path !== "/feed.xml") await expectReaderHeaders(hit);
    }
  }
});

test("a client's own X-Forwarded-Proto does not switch on HSTS without TRUST_PROXY", async ({
  request,
}) => {
  for (const path of ["/login", "/"]) {
    const response = await request.get(path, { headers: { "x-forwarded-proto": "https" } });
    expect(response.headers()["strict-transport-security"]).toBeUndefined();
  }
});
