import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import {
  type AppServer,
  createDatabase,
  dropDatabase,
  freePort,
  newSecret,
  postgresAppEnv,
  type RoundRobinProxy,
  startApp,
  startProxy,
  tempDir,
} from "../test/support/cluster";
import { NewsroomClient, setUpAdmin, storyBody } from "../test/support/newsroom-client";
import { postgresQuery } from "../test/support/story-invariants";

/**
 * Issue 6, "Several instances": two `next start` instances of one build on one PostgreSQL
 * database, behind nginx round-robin, sharing AUTH_SECRET and UPLOAD_DIR (THREATS 36).
 * Signed in through one, a person works through the other; a story published on one is on
 * every instance (and through the proxy) within a second, and so are updates and
 * unpublishing; scheduled stories are published exactly once though both instances run
 * the scheduler; an image uploaded through one is served by the other.
 */
test.describe.configure({ mode: "serial" });

const admin = {
  name: "Ines Instances",
  email: "ines.instances@example.com",
  password: "two instances one database passphrase",
};

let databaseUrl: string;
let uploadDir: string;
const dataDirs: string[] = [];
let proxy: RoundRobinProxy;
let a: AppServer;
let b: AppServer;
let sectionId: string;
/** Signed in through instance A. */
let viaA: NewsroomClient;

test.beforeAll(async () => {
  test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL (CI sets it)");
  test.setTimeout(180_000);
  databaseUrl = await createDatabase(process.env.TEST_DATABASE_URL!);
  uploadDir = tempDir("instances-uploads");
  const [portA, portB] = [await freePort(), await freePort()];
  proxy = await startProxy([portA, portB]);
  const authSecret = newSecret();
  const instance = async (name: string, port: number) => {
    const dataDir = tempDir(`instances-${name}`);
    dataDirs.push(dataDir);
    return startApp({
      name,
      port,
      env: postgresAppEnv({
        databaseUrl,
        authSecret,
        dataDir,
        uploadDir,
        siteUrl: proxy.baseURL,
        extra: { TRUST_PROXY: "1" },
      }),
    });
  };
  // Started one after the other: the second waits on the first's migration lock anyway.
  a = await instance("a", portA);
  b = await instance("b", portB);
  await setUpAdmin(a.baseURL, admin);
  viaA = new NewsroomClient(a.baseURL);
  await viaA.signIn(admin.email, admin.password);
  [sectionId] = (await viaA.sectionIds()) as [string];
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await proxy?.stop();
  if (databaseUrl) await dropDatabase(databaseUrl);
  for (const dir of [uploadDir, ...dataDirs])
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function newStory(client: NewsroomClient, headline: string): Promise<string> {
  const { id } = await client.ok<{ id: string }>("createArticle", {
    headline,
    sectionId,
    body: storyBody(`${headline}: the first paragraph.`),
  });
  return id;
}

async function approve(client: NewsroomClient, id: string): Promise<void> {
  await client.ok("submitArticle", { id, fromStatus: "draft" });
  await client.ok("approveArticle", { id, fromStatus: "in_review" });
}

/** Polls every 20 ms until `url` answers `status` with `text` in the page; returns the ms taken. */
async function visibleAfter(url: string, status: number, text: string | null): Promise<number> {
  const start = Date.now();
  for (;;) {
    const response = await fetch(url, { redirect: "manual" });
    const body = await response.text();
    if (response.status === status && (text === null || body.includes(text))) {
      return Date.now() - start;
    }
    if (Date.now() - start > 10_000) {
      throw new Error(`${url} still answers ${response.status} after 10 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Everywhere a reader might be served from: each instance directly, and the proxy. */
const everywhere = () => [a.baseURL, b.baseURL, proxy.baseURL];

async function expectEverywhereWithinASecond(
  pathname: string,
  status: number,
  text: string | null,
) {
  const delays = await Promise.all(
    everywhere().map((base) => visibleAfter(new URL(pathname, base).toString(), status, text)),
  );
  for (const ms of delays) expect(ms).toBeLessThan(1_000);
  return delays;
}

test("signed in through one instance, a person works through the other (shared secrets, one build)", async () => {
  const viaB = viaA.at(b.baseURL);
  const id = await newStory(viaB, "Written through instance B");
  const view = await viaB.ok<{ version: number }>("loadEditorView", { id });
  // Alternate between the instances and the proxy: every save is accepted.
  let version = view.version;
  for (const [i, client] of [viaA, viaB, viaA.at(proxy.baseURL), viaB].entries()) {
    const saved = await client.ok<{ version: number }>("saveArticle", {
      id,
      baseVersion: version,
      headline: `Written through both instances, take ${i + 1}`,
      sectionId,
      body: storyBody(`Take ${i + 1}.`),
    });
    expect(saved.version).toBe(version + 1);
    version = saved.version;
  }
  // A stranger's cookie is refused by both, so it is the shared secret that does it.
  const stranger = new NewsroomClient(b.baseURL);
  const refused = await stranger.action("saveArticle", {
    id,
    baseVersion: version,
    headline: "Not signed in",
    sectionId,
    body: storyBody("x"),
  });
  expect(refused.ok).toBe(false);
  // The newsroom pages render on B for a session made on A.
  const page = await viaB.request("/newsroom");
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Sign out");
});

test("published on one instance, a story is on every instance and through the proxy within a second; so are updates and unpublishing", async () => {
  const headline = "Bridge reopens after a week of repairs";
  const id = await newStory(viaA, headline);
  await approve(viaA, id);
  const { publicPath } = await viaA.ok<{ publicPath: string }>("loadEditorView", { id });
  // Readers have been asking for it before it exists, on every instance.
  for (const base of everywhere()) {
    const before = await fetch(new URL(publicPath, base));
    expect(before.status).toBe(404);
  }

  await viaA.ok("publishArticle", { id, fromStatus: "approved" });
  const published = await expectEverywhereWithinASecond(publicPath, 200, headline);

  // An update published through B replaces the headline everywhere.
  const viaB = viaA.at(b.baseURL);
  const view = await viaB.ok<{ version: number }>("loadEditorView", { id });
  const updated = "Bridge reopens after nine days of repairs";
  await viaB.ok("saveArticle", {
    id,
    baseVersion: view.version,
    headline: updated,
    sectionId,
    body: storyBody("Corrected: nine days, not a week."),
  });
  await viaB.ok("publishUpdateArticle", { id, fromStatus: "published" });
  const afterUpdate = await expectEverywhereWithinASecond(publicPath, 200, updated);
  // The home page (a list) moves too, not only the article itself.
  await expectEverywhereWithinASecond("/", 200, updated);

  await viaA.ok("unpublishArticle", { id, fromStatus: "published" });
  const gone = await expectEverywhereWithinASecond(publicPath, 410, null);
  test.info().annotations.push({
    type: "propagation (ms: A, B, proxy)",
    description: `publish ${published.join(", ")}; update ${afterUpdate.join(", ")}; unpublish ${gone.join(", ")}`,
  });
});

test("stories scheduled for the same moment are published exactly once, though both instances run the scheduler", async () => {
  test.setTimeout(90_000);
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const id = await newStory(viaA, `Scheduled story ${i + 1} for the morning edition`);
    await approve(viaA, id);
    ids.push(id);
  }
  // All due at one moment a few seconds from now; each instance polls every 5 s.
  const publishAt = new Date(Date.now() + 3_000).toISOString();
  const viaB = viaA.at(b.baseURL);
  for (const [i, id] of ids.entries()) {
    await (i % 2 ? viaB : viaA).ok("scheduleArticle", { id, fromStatus: "approved", publishAt });
  }
  const db = await postgresQuery(databaseUrl);
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [row] = await db.query(
        "select count(*)::int as n from articles where id = any($1::uuid[]) and status = 'published'",
        [ids],
      );
      if (row?.n === ids.length) break;
      expect(Date.now(), "every scheduled story was published").toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // Let both schedulers run at least once more: a second publication would show now.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const rows = await db.query(
      `select a.id::text as id,
              (select count(*)::int from workflow_events e
                where e.article_id = a.id and e.action = 'published') as published_events,
              (select count(*)::int from outbox o
                where o.payload::jsonb->>'articleId' = a.id::text) as outbox_rows,
              (select count(*)::int from published_articles p where p.article_id = a.id) as live_rows,
              (select count(*)::int from notifications n
                where n.article_id = a.id and n.kind = 'published') as notifications
         from articles a where a.id = any($1::uuid[])`,
      [ids],
    );
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) {
      expect(row, `story ${row.id}`).toMatchObject({
        published_events: 1,
        outbox_rows: 1,
        live_rows: 1,
        notifications: 1,
      });
    }
  } finally {
    await db.close();
  }
});

test("an image uploaded through one instance is served by the other and through the proxy", async () => {
  const image = await sharp({
    create: { width: 1200, height: 800, channels: 3, background: { r: 20, g: 90, b: 160 } },
  })
    .png()
    .toBuffer();
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(image)], { type: "image/png" }), "harbour.png");
  form.set("alt", "The harbour at dawn");
  const response = await viaA.request("/api/media", {
    method: "POST",
    headers: { origin: a.baseURL },
    body: form,
  });
  expect(response.status).toBe(201);
  const { src } = (await response.json()) as { src: string };
  expect(src).toMatch(/^\/media\//);
  const bytes: number[] = [];
  for (const base of everywhere()) {
    const served = await fetch(new URL(src, base));
    expect(served.status, `${src} from ${base}`).toBe(200);
    expect(served.headers.get("content-type")).toMatch(/^image\//);
    bytes.push((await served.arrayBuffer()).byteLength);
  }
  expect(new Set(bytes).size).toBe(1);
  expect(bytes[0]).toBeGreaterThan(0);
  // The files live in the one shared directory, not in either instance's own DATA_DIR.
  expect(fs.readdirSync(uploadDir).length).toBeGreaterThan(0);
  for (const dir of dataDirs) expect(fs.existsSync(path.join(dir, "uploads"))).toBe(false);
});
