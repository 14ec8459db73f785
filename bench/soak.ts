// `npm run bench:soak` (issue 6): two app instances on one PostgreSQL behind a round-robin
// nginx; 200 concurrent readers and 10 signed-in editors each saving every 2 s through the
// real server action, for SOAK_SECONDS (default 300). Afterwards: failed requests, every
// acknowledged save looked up in the database, reader latency, RSS of each instance at the
// start and the end. Figures also go to bench/results/soak.json.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { articleRevisions, articles, sections } from "@/db/schema";
import type { DocJSON } from "@/lib/content/types";
import { postgresAppEnv, startProxy } from "../test/support/cluster";
import { NewsroomClient } from "../test/support/newsroom-client";
import { createBenchDatabase, dropBenchDatabase } from "./support/databases";
import { percentile, round2 } from "./support/load";
import { benchDir, rssMb, startApp, stopAll } from "./support/processes";
import { draftFor, seedNewsroom, staffUser } from "./support/seed";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const READERS = Number(process.env.SOAK_READERS ?? 200);
const EDITORS = Number(process.env.SOAK_EDITORS ?? 10);
const SAVE_EVERY_MS = 2_000;
/** Pause between one reader's pages: people read. 0 makes every reader a tight loop. */
const THINK_MS = Number(process.env.SOAK_THINK_MS ?? 1_000);
const STORIES = Number(process.env.SOAK_STORIES ?? 1_000);
const PORTS = [
  Number(process.env.SOAK_APP_PORT ?? 3310),
  Number(process.env.SOAK_APP_PORT ?? 3310) + 1,
];
const PROXY_PORT = Number(process.env.SOAK_PROXY_PORT ?? 8281);
/** The reader budget of issue 5 for pages the app serves from its cache. */
const READER_P99_BUDGET_MS = 100;

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ensureBuild(): void {
  if (fs.existsSync(path.join(".next", "BUILD_ID"))) return;
  log("no build in .next: running npm run build…");
  if (spawnSync("npm", ["run", "build"], { stdio: "inherit" }).status !== 0) {
    throw new Error("npm run build failed");
  }
}

function timedGet(agent: http.Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("timeout after 30 s")));
  });
}

type Ack = { articleId: string; revisionId: string; version: number; marker: string };

async function main() {
  ensureBuild();
  const authSecret = crypto.randomBytes(32).toString("base64url");
  process.env.AUTH_SECRET ??= authSecret;
  log(
    `soak ${new Date().toISOString()} · ${SECONDS} s · ${READERS} readers (think ${THINK_MS} ms) · ${EDITORS} editors saving every ${SAVE_EVERY_MS / 1000} s · load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const bench = await createBenchDatabase("soak");
  try {
    const newsroom = await seedNewsroom(bench.handle, STORIES, 10, (l) => log(`  ${l}`));
    const [allSections] = [await bench.handle.db.select().from(sections)];
    const editors: { editor: Awaited<ReturnType<typeof staffUser>>; articleId: string }[] = [];
    for (let i = 0; i < EDITORS; i++) {
      const editor = await staffUser(bench.handle, "editor", `Soak Editor ${i + 1}`);
      const draft = await draftFor(editor, i);
      editors.push({ editor, articleId: draft.id });
    }

    // The proxy's port is known before the instances start: they answer for its address
    // (sign-in callbacks, the same-origin check of server actions) and trust its
    // X-Forwarded-* headers. One build, so one server-action key; one AUTH_SECRET.
    const proxy = `http://127.0.0.1:${PROXY_PORT}`;
    const dataDir = benchDir("soak");
    const apps = await Promise.all(
      PORTS.map((port) =>
        startApp({
          name: `soak:${port}`,
          port,
          env: postgresAppEnv({
            databaseUrl: bench.url,
            authSecret,
            dataDir,
            uploadDir: path.join(dataDir, "uploads"),
            siteUrl: proxy,
            extra: { TRUST_PROXY: "1" },
          }),
        }),
      ),
    );
    const nginx = await startProxy(PORTS, { port: PROXY_PORT });
    log(
      `  instances on ${PORTS.join(" and ")}, round-robin nginx (test/support/cluster.ts) on ${proxy}`,
    );

    const paths = [
      "/",
      ...allSections.map((s) => `/${s.slug}`),
      ...newsroom.viaCommands.map((s) => s.path),
      ...newsroom.bulk.map((s) => s.path),
    ];
    const warm = new http.Agent({ keepAlive: true, maxSockets: 8 });
    for (const p of paths.slice(0, 40)) await timedGet(warm, `${proxy}${p}`);
    warm.destroy();

    const sessions: NewsroomClient[] = [];
    for (const { editor } of editors) {
      const session = new NewsroomClient(proxy, 30_000);
      await session.signIn(editor.email, editor.password);
      sessions.push(session);
    }
    const startRss = apps.map((a) => rssMb(a.pid() ?? 0));
    const samples: { at: number; rss: number[] }[] = [{ at: 0, rss: startRss }];
    log(`  start RSS: ${apps.map((a, i) => `${a.port}: ${startRss[i]} MB`).join(", ")}`);

    const stopAt = Date.now() + SECONDS * 1000;
    const readerLatencies: number[] = [];
    /** Readers' latencies after the first minute, when each instance's page cache is warm. */
    const warmLatencies: number[] = [];
    const warmFrom = Date.now() + 60_000;
    const readerFailures: string[] = [];
    let readerRequests = 0;
    const agent = new http.Agent({ keepAlive: true, maxSockets: READERS });
    const reader = async (n: number) => {
      const rand = () => Math.random();
      await sleep((n * THINK_MS) / READERS); // stagger the start
      while (Date.now() < stopAt) {
        const r = rand();
        const p =
          r < 0.15
            ? "/"
            : r < 0.25
              ? paths[1 + Math.floor(rand() * allSections.length)]!
              : paths[Math.floor(rand() * paths.length)]!;
        const started = performance.now();
        try {
          const status = await timedGet(agent, `${proxy}${p}`);
          readerRequests++;
          readerLatencies.push(performance.now() - started);
          if (Date.now() > warmFrom) warmLatencies.push(performance.now() - started);
          if (status >= 400) readerFailures.push(`${status} ${p}`);
        } catch (error) {
          readerRequests++;
          readerFailures.push(`${(error as Error).message} ${p}`);
        }
        if (THINK_MS) await sleep(THINK_MS * (0.5 + rand()));
      }
    };

    const acks: Ack[] = [];
    const saveFailures: string[] = [];
    const saveLatencies: number[] = [];
    const editorLoop = async (i: number) => {
      const { articleId } = editors[i]!;
      const session = sessions[i]!;
      const [article] = await bench.handle.db
        .select()
        .from(articles)
        .where(eq(articles.id, articleId));
      const [working] = await bench.handle.db
        .select()
        .from(articleRevisions)
        .where(eq(articleRevisions.id, article!.workingRevisionId!));
      let version = article!.version;
      let seq = 0;
      await sleep((i * SAVE_EVERY_MS) / EDITORS);
      while (Date.now() < stopAt) {
        const tickStarted = Date.now();
        const marker = `soak-${i}-${seq++}-${crypto.randomBytes(3).toString("hex")}`;
        const body = structuredClone(working!.body) as DocJSON;
        body.content = [
          ...(body.content ?? []),
          { type: "paragraph", content: [{ type: "text", text: `Edited ${marker}.` }] },
        ];
        const started = performance.now();
        try {
          const result = await session.action<{ version: number; revisionId: string }>(
            "saveArticle",
            {
              id: articleId,
              baseVersion: version,
              kind: "autosave",
              headline: working!.headline,
              standfirst: working!.standfirst,
              dateline: working!.dateline,
              source: working!.source,
              sectionId: working!.sectionId,
              body,
            },
          );
          saveLatencies.push(performance.now() - started);
          if (result.ok) {
            version = result.data.version;
            acks.push({ articleId, revisionId: result.data.revisionId, version, marker });
          } else {
            saveFailures.push(`${result.error.code}: ${result.error.message}`);
          }
        } catch (error) {
          saveFailures.push((error as Error).message);
        }
        await sleep(Math.max(0, SAVE_EVERY_MS - (Date.now() - tickStarted)));
      }
    };

    const sampler = setInterval(() => {
      samples.push({
        at: Math.round((SECONDS * 1000 - (stopAt - Date.now())) / 1000),
        rss: apps.map((a) => rssMb(a.pid() ?? 0)),
      });
      const last = samples.at(-1)!;
      log(
        `  ${last.at} s: ${readerRequests} reader requests, ${acks.length} saves acknowledged, RSS ${last.rss.join(" / ")} MB`,
      );
    }, 30_000);
    await Promise.all([
      ...Array.from({ length: READERS }, (_, n) => reader(n)),
      ...Array.from({ length: EDITORS }, (_, i) => editorLoop(i)),
    ]);
    clearInterval(sampler);
    agent.destroy();
    const endRss = apps.map((a) => rssMb(a.pid() ?? 0));
    samples.push({ at: SECONDS, rss: endRss });

    // Every acknowledged save must be in the database, with the text it carried.
    const stored = await bench.handle.db
      .select({ id: articleRevisions.id, bodyText: articleRevisions.bodyText })
      .from(articleRevisions)
      .where(
        inArray(
          articleRevisions.articleId,
          editors.map((e) => e.articleId),
        ),
      );
    const byId = new Map(stored.map((r) => [r.id, r.bodyText]));
    const lost = acks.filter((a) => !byId.get(a.revisionId)?.includes(a.marker));
    const finalVersions = await bench.handle.db
      .select({ id: articles.id, version: articles.version })
      .from(articles)
      .where(
        inArray(
          articles.id,
          editors.map((e) => e.articleId),
        ),
      );
    const behind = finalVersions.filter((row) => {
      const last = acks.filter((a) => a.articleId === row.id).at(-1);
      return last && last.version !== row.version;
    });

    await nginx.stop();
    for (const app of apps) await app.stop();

    readerLatencies.sort((a, b) => a - b);
    warmLatencies.sort((a, b) => a - b);
    saveLatencies.sort((a, b) => a - b);
    const readerP99 = percentile(readerLatencies, 99);
    const result = {
      startedAt: new Date(stopAt - SECONDS * 1000).toISOString(),
      seconds: SECONDS,
      readers: READERS,
      thinkMs: THINK_MS,
      editors: EDITORS,
      instances: PORTS,
      readerRequests,
      readerRps: Math.round(readerRequests / SECONDS),
      readerFailures: readerFailures.length,
      readerP50Ms: round2(percentile(readerLatencies, 50)),
      readerP99Ms: round2(readerP99),
      readerMaxMs: round2(readerLatencies.at(-1) ?? Number.NaN),
      readerP99AfterFirstMinuteMs: round2(percentile(warmLatencies, 99)),
      saveAttempts: acks.length + saveFailures.length,
      savesAcknowledged: acks.length,
      saveFailures: saveFailures.length,
      saveP50Ms: round2(percentile(saveLatencies, 50)),
      saveP99Ms: round2(percentile(saveLatencies, 99)),
      lostSaves: lost.length,
      storiesBehindLastAck: behind.length,
      rssMb: Object.fromEntries(PORTS.map((p, i) => [p, { start: startRss[i], end: endRss[i] }])),
      rssSamples: samples,
      firstFailures: [...readerFailures.slice(0, 5), ...saveFailures.slice(0, 5)],
    };
    fs.mkdirSync(path.join("bench", "results"), { recursive: true });
    fs.writeFileSync(
      path.join("bench", "results", "soak.json"),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    const verdict = (good: boolean) => (good ? "pass" : "FAIL");
    log(`
soak result (${SECONDS} s, 2 instances behind round-robin nginx, PostgreSQL):
  ${verdict(readerFailures.length === 0)}  failed reader requests: ${readerFailures.length} of ${readerRequests} (${result.readerRps} req/s)
  ${verdict(saveFailures.length === 0)}  failed saves: ${saveFailures.length} of ${result.saveAttempts}
  ${verdict(lost.length === 0 && behind.length === 0)}  lost saves: ${lost.length} of ${acks.length} acknowledged (stories behind their last acknowledged version: ${behind.length})
  ${verdict(readerP99 <= READER_P99_BUDGET_MS)}  reader p99: ${result.readerP99Ms} ms (p50 ${result.readerP50Ms} ms; after the first minute p99 ${result.readerP99AfterFirstMinuteMs} ms; budget ${READER_P99_BUDGET_MS} ms, the app-served cached page budget)
  —     save round trip through the proxy: p50 ${result.saveP50Ms} ms, p99 ${result.saveP99Ms} ms
  —     RSS start → end: ${PORTS.map((p, i) => `${p}: ${startRss[i]} → ${endRss[i]} MB`).join(", ")}
${result.firstFailures.length ? `  first failures: ${result.firstFailures.join(" | ")}\n` : ""}(figures in bench/results/soak.json)`);
  } finally {
    stopAll();
    await dropBenchDatabase(bench);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    stopAll();
    process.exit(1);
  },
);
