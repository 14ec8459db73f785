import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { signInAsAdmin } from "./support/auth";
import { admin } from "./support/people";

/**
 * Issue 4 (images) and THREATS 32, in the browser: a member of staff uploads through
 * POST /api/media with their session; what is served back is a re-encoded image with
 * nosniff and a sandboxing CSP, and opening it runs nothing, even when the upload was a
 * GIF/HTML polyglot. The in-editor flow is covered once the editor wires these pieces in.
 */
test.describe.configure({ mode: "serial" });

let baseURL: string;
let staff: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }, testInfo) => {
  baseURL = testInfo.project.use.baseURL ?? "http://127.0.0.1:3100";
  staff = await browser.newContext({ baseURL });
  page = await staff.newPage();
  await signInAsAdmin(page, admin);
});

test.afterAll(async () => {
  await staff?.close();
});

type Answer = { id: string; src: string; width: number; height: number; alt: string };

async function upload(name: string, mimeType: string, buffer: Buffer, alt = "") {
  return page.request.post("/api/media", {
    headers: { origin: baseURL },
    multipart: { file: { name, mimeType, buffer }, alt },
  });
}

/** Opens a URL in a fresh tab, failing on any dialog a script could open. */
async function openWithoutScripts(url: string) {
  const tab = await staff.newPage();
  const dialogs: string[] = [];
  tab.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const response = await tab.goto(url);
  await tab.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  return { tab, response: response! };
}

test("an uploaded photo is served as a clean image that cannot run anything", async () => {
  const jpeg = await sharp({
    create: { width: 1000, height: 700, channels: 3, background: "#2a6" },
  })
    .jpeg()
    .withExif({ IFD0: { Copyright: "SECRET-OWNER" } })
    .toBuffer();
  const response = await upload("harbour.jpg", "image/jpeg", jpeg, "The harbour at dawn");
  expect(response.status()).toBe(201);
  const answer = (await response.json()) as Answer;
  expect(answer).toMatchObject({
    src: `/media/${answer.id}/960.jpg`,
    width: 1000,
    height: 700,
    alt: "The harbour at dawn",
  });

  for (const [file, type] of [
    ["960.jpg", "image/jpeg"],
    ["1000.webp", "image/webp"],
    ["480.webp", "image/webp"],
  ]) {
    const { tab, response: served } = await openWithoutScripts(`/media/${answer.id}/${file}`);
    expect(served.status(), file).toBe(200);
    const headers = served.headers();
    expect(headers["content-type"]).toBe(type);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
    expect(headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const body = await served.body();
    expect(body.includes("SECRET-OWNER")).toBe(false);
    // Chromium shows an image document: one <img>, nothing else.
    await expect(tab.locator("img")).toHaveCount(1);
    await tab.close();
  }
});

test("a GIF/HTML polyglot comes back as a plain image, and no script runs", async () => {
  const gif = await sharp({ create: { width: 80, height: 60, channels: 3, background: "#c33" } })
    .gif()
    .toBuffer();
  const polyglot = Buffer.concat([
    gif,
    Buffer.from("<html><body><script>alert('polyglot')</script></body></html>"),
  ]);
  const response = await upload("poly.gif", "image/gif", polyglot, "Red square");
  expect(response.status()).toBe(201);
  const answer = (await response.json()) as Answer;
  for (const file of ["80.webp", "80.jpg"]) {
    const { tab, response: served } = await openWithoutScripts(`/media/${answer.id}/${file}`);
    expect(served.status()).toBe(200);
    expect((await served.body()).includes("<script")).toBe(false);
    await tab.close();
  }
});

test("hostile and unauthorised uploads are refused with a clear answer", async ({ browser }) => {
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert("svg")</script></svg>',
  );
  const refused = await upload("logo.svg", "image/svg+xml", svg, "Logo");
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.message).toMatch(/SVG images are not accepted/);

  const html = await upload(
    "photo.jpg",
    "image/jpeg",
    Buffer.from("<html><script>alert(1)</script>"),
  );
  expect(html.status()).toBe(422);

  // Another site posting with the staff member's cookies (THREATS 20).
  const crossSite = await page.request.post("/api/media", {
    headers: { origin: "http://evil.example" },
    multipart: { file: { name: "a.png", mimeType: "image/png", buffer: Buffer.from("x") } },
  });
  expect(crossSite.status()).toBe(403);

  // Nobody signed in.
  const stranger = await browser.newContext({ baseURL });
  const anonymous = await stranger.request.post("/api/media", {
    headers: { origin: baseURL },
    multipart: { file: { name: "a.png", mimeType: "image/png", buffer: Buffer.from("x") } },
  });
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.code).toBe("unauthenticated");

  // Only generated names are served.
  for (const path of [
    "/media/not-a-uuid/960.jpg",
    "/media/00000000-0000-4000-8000-000000000000/960.jpg",
  ]) {
    expect((await stranger.request.get(path)).status(), path).toBe(404);
  }
  await stranger.close();
});
