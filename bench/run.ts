// `npm run bench`: every issue-5 speed budget beside the figure measured in this run, on
// PostgreSQL with 5,000 published stories. Ratios come from one run on one machine; nothing
// here is asserted by a test. Subsets: `npm run bench -- search weight` (sections below);
// `--build` rebuilds .next first, `--fresh-archive` rewrites the search archive.
// Figures also go to bench/results/latest.json.
import { execSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { eq, sql } from "drizzle-orm";
import { articleRevisions, articles } from "@/db/schema";
import { setDatabase } from "@/server/db";
import { searchStories } from "@/server/reader/search";
import { postgresAppEnv } from "../test/support/cluster";
import { NewsroomClient } from "../test/support/newsroom-client";
import {
  type BenchDatabase,
  createBenchDatabase,
  dropBenchDatabase,
  keptBenchDatabase,
} from "./support/databases";
import { startFront, stopFronts } from "./support/front";
import { lighthouse } from "./support/lighthouse";
import { fixedRate, get, type LoadResult, percentile, round2, wrk } from "./support/load";
import {
  type AppServer,
  benchDir,
  cpuMs,
  startApp,
  startNginx,
  stopAll,
} from "./support/processes";
import { fmt, Report } from "./support/report";
import { readerQueries, seedArchive } from "./support/search-corpus";
import { type SeededNewsroom, seedNewsroom } from "./support/seed";

const SECTIONS = ["throughput", "freshness", "weight", "lighthouse", "search"] as const;
type Section = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const asked = args.filter((a) => !a.startsWith("-"));
for (const a of asked) {
  if (!SECTIONS.includes(a as Section)) {
    console.error(`unknown section "${a}"; sections: ${SECTIONS.join(", ")}`);
    process.exit(2);
  }
}
const wanted = (s: Section) => asked.length === 0 || asked.includes(s);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const STORIES = Number(process.env.BENCH_STORIES ?? 5_000);
const VIA_COMMANDS = 20;
const ARCHIVE = Number(process.env.BENCH_ARCHIVE ?? 100_000);
const ARCHIVE_WORDS = 300;
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3300);
const NGINX_PORT = Number(process.env.BENCH_NGINX_PORT ?? 8280);
const EDGE_PORT = Number(process.env.BENCH_EDGE_PORT ?? 8282);
const AUTH_SECRET = crypto.randomBytes(32).toString("base64url");
process.env.AUTH_SECRET ??= AUTH_SECRET;

const report = new Report();
const log = (line: string) => console.log(line);
const startedAt = new Date();

function commit(): string {
  try {
    return execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

function ensureBuild(): void {
  const buildId = path.join(".next", "BUILD_ID");
  if (fs.existsSync(buildId) && !args.includes("--build")) {
    const built = fs.statSync(buildId).mtimeMs;
    const head = Number(execSync("git log -1 --format=%ct", { encoding: "utf8" }).trim()) * 1000;
    if (built < head)
      report.note(
        "the build in .next is older than the last commit: `npm run bench -- --build` rebuilds first",
      );
    return;
  }
  log("running npm run build (a few minutes)…");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error("npm run build failed");
}

async function fetchText(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; headers: Headers }> {
  // A keep-alive connection the server closed while idle (Varnish after 5 s) fails once.
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, { redirect: "manual", headers });
      return { status: res.status, text: await res.text(), headers: res.headers };
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Lets the requests a previous run left queued drain before the next measurement. */
const settle = () => new Promise((r) => setTimeout(r, 2_000));

type Measured = LoadResult & { cpuMsPerRequest?: number };

/**
 * Runs a load against the app and adds the app's own CPU time per request: on a machine
 * shared with other work, throughput moves with the load, CPU per request much less.
 */
async function onApp(
  app: AppServer,
  run: () => LoadResult | Promise<LoadResult>,
): Promise<Measured> {
  const pid = app.pid() ?? 0;
  const before = cpuMs(pid);
  const result = await run();
  return {
    ...result,
    cpuMsPerRequest: round2((cpuMs(pid) - before) / Math.max(1, result.requests)),
  };
}

function loadFigures(r: Measured): Record<string, number | undefined> {
  return {
    rps: r.rps,
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
    requests: r.requests,
    errors: r.errors,
    appCpuMsPerRequest: r.cpuMsPerRequest,
  };
}

function summary(r: Measured): string {
  const errors = r.errors ? `, ${r.errors} errors` : "";
  const cpu = r.cpuMsPerRequest === undefined ? "" : `, ${r.cpuMsPerRequest} ms app CPU a request`;
  return `${fmt.rps(r.rps)}, p99 ${fmt.ms(r.p99Ms)}${errors}${cpu}`;
}

async function throughput(app: AppServer, front: string | null, newsroom: SeededNewsroom) {
  log(`\n== throughput (wrk, ${CONNECTIONS} connections, ${SECONDS} s a run)`);
  const article = newsroom.viaCommands[0]!.path;
  const articleHtml = (await fetchText(`${app.baseURL}${article}`)).text;
  const homeHtml = (await fetchText(`${app.baseURL}/`)).text;
  const dir = benchDir("static");
  fs.chmodSync(dir, 0o755); // nginx's workers run as an unprivileged user
  fs.writeFileSync(path.join(dir, "article.html"), articleHtml);
  fs.writeFileSync(path.join(dir, "home.html"), homeHtml);
  const nginx = await startNginx(
    `server {
      listen 127.0.0.1:${NGINX_PORT};
      root ${dir};
      default_type "text/html; charset=utf-8";
      location = / { try_files /home.html =404; }
      location / { try_files /article.html =404; }
    }`,
    NGINX_PORT,
    "static",
  );
  const nginxArticle = wrk(`${nginx.url}${article}`, {
    connections: CONNECTIONS,
    seconds: SECONDS,
  });
  const nginxHome = wrk(`${nginx.url}/`, { connections: CONNECTIONS, seconds: SECONDS });
  await nginx.stop();
  report.figures.nginxArticle = loadFigures(nginxArticle);
  report.figures.nginxHome = loadFigures(nginxHome);
  report.add({
    budget: "baseline: nginx, saved article HTML from disk",
    target: "reference",
    measured: `${summary(nginxArticle)} (${fmt.kb(articleHtml.length)} page)`,
    pass: null,
  });
  report.add({
    budget: "baseline: nginx, saved home HTML from disk",
    target: "reference",
    measured: `${summary(nginxHome)} (${fmt.kb(homeHtml.length)} page)`,
    pass: null,
  });

  for (const [name, pagePath, base] of [
    ["article", article, nginxArticle],
    ["home", "/", nginxHome],
  ] as const) {
    if (!front) {
      report.add({
        budget: `cache front, ${name}, ${CONNECTIONS} connections`,
        target: "≥ 45% of nginx, p99 ≤ 10 ms",
        measured: "not available yet (no `npm run start:edge` in this checkout)",
        pass: null,
      });
      continue;
    }
    // Fill the cache with the copy wrk will ask for: wrk sends no Accept-Encoding, and the
    // front keeps a plain copy beside the gzipped one (edge/varnish.vcl).
    for (let i = 0; i < 3; i++) {
      await fetchText(`${front}${pagePath}`, { "accept-encoding": "identity" });
    }
    await settle();
    const r = wrk(`${front}${pagePath}`, { connections: CONNECTIONS, seconds: SECONDS });
    report.figures[`front_${name}`] = loadFigures(r);
    const ratio = r.rps / base.rps;
    report.add({
      budget: `cache front, ${name}, ${CONNECTIONS} connections`,
      target: "≥ 45% of nginx, p99 ≤ 10 ms",
      measured: `${fmt.pct(ratio)} of nginx (${summary(r)})`,
      pass: ratio >= 0.45 && r.p99Ms <= 10 && r.errors === 0,
    });
  }

  // The app alone, its cached copy of one article (warm first: JIT and cache).
  wrk(`${app.baseURL}${article}`, { connections: 10, seconds: 2 });
  const probe = await fetchText(`${app.baseURL}${article}`);
  const appCache = probe.headers.get("x-page-cache");
  report.figures.appPageCacheAfterWarmUp = appCache;
  if (appCache !== "hit") {
    report.note(
      `the app's page cache answered "${appCache ?? "no x-page-cache header"}" after warm-up: the "cached article" row measures rendering`,
    );
  }
  const cached = await onApp(app, () =>
    wrk(`${app.baseURL}${article}`, { connections: CONNECTIONS, seconds: SECONDS }),
  );
  report.figures.appCachedArticle = loadFigures(cached);
  const cachedRatio = cached.rps / nginxArticle.rps;
  report.add({
    budget: `app alone, cached article, ${CONNECTIONS} connections`,
    target: "≥ 2% of nginx, p99 ≤ 100 ms",
    measured: `${fmt.pct(cachedRatio)} of nginx (${summary(cached)})`,
    pass: cachedRatio >= 0.02 && cached.p99Ms <= 100 && cached.errors === 0,
  });

  // Uncached: every request a different story, so no cache can answer it.
  const paths = newsroom.bulk.map((s) => s.path);
  const throughputPaths = paths.slice(0, paths.length - 1_000);
  const ratePaths = paths.slice(paths.length - 1_000);
  const uncached = await onApp(app, () =>
    wrk(app.baseURL, { connections: CONNECTIONS, seconds: SECONDS, paths: throughputPaths }),
  );
  report.figures.appUncachedArticle = {
    ...loadFigures(uncached),
    distinctStories: throughputPaths.length,
  };
  const wrapped = uncached.requests > throughputPaths.length;
  report.add({
    budget: `app alone, article rendered from PostgreSQL, ${CONNECTIONS} connections`,
    target: "≥ 200 req/s",
    measured: `${summary(uncached)}${wrapped ? ` (more requests than the ${throughputPaths.length} distinct stories: some were repeats)` : ", every request a different story"}`,
    pass: uncached.rps >= 200 && uncached.errors === 0,
  });
  const rate = await onApp(app, () =>
    fixedRate(app.baseURL, ratePaths, 60, Math.min(SECONDS, ratePaths.length / 60)),
  );
  report.figures.appUncachedAt60 = { ...loadFigures(rate), pageCacheHits: rate.pageCacheHits };
  if (rate.pageCacheHits)
    report.note(`${rate.pageCacheHits} of the fixed-rate requests were page-cache hits`);
  report.add({
    budget: "app alone, article rendered from PostgreSQL, fixed 60 req/s",
    target: "p99 ≤ 30 ms",
    measured: `p50 ${fmt.ms(rate.p50Ms)}, p99 ${fmt.ms(rate.p99Ms)} over ${rate.requests} requests (${rate.pageCacheHits} page-cache hits)${rate.errors ? `, ${rate.errors} errors` : ""}, ${rate.cpuMsPerRequest} ms app CPU a request`,
    pass: rate.p99Ms <= 30 && rate.errors === 0,
  });
}

/** Publishes an update through the editor's own server actions and waits for readers to see it. */
async function freshness(
  app: AppServer,
  front: string | null,
  bench: BenchDatabase,
  newsroom: SeededNewsroom,
) {
  log("\n== freshness (publish an update as a signed-in editor, poll what readers get)");
  const story = newsroom.viaCommands[1]!;
  const readerBase = front ?? app.baseURL;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < 3; i++) await get(agent, `${readerBase}${story.path}`); // cached now
  // Staff requests pass through the front uncached, as a browser's would.
  const session = new NewsroomClient(readerBase);
  await session.signIn(newsroom.editor.email, newsroom.editor.password);
  const [article] = await bench.handle.db.select().from(articles).where(eq(articles.id, story.id));
  const [working] = await bench.handle.db
    .select()
    .from(articleRevisions)
    .where(eq(articleRevisions.id, article!.workingRevisionId!));
  const headline = `Fresh headline ${crypto.randomBytes(4).toString("hex")}`;
  const saved = await session.action("saveArticle", {
    id: story.id,
    baseVersion: article!.version,
    kind: "manual",
    headline,
    standfirst: working!.standfirst,
    dateline: working!.dateline,
    source: working!.source,
    sectionId: working!.sectionId,
    body: working!.body,
    featuredMediaId: working!.featuredMediaId,
    seoTitle: working!.seoTitle,
    seoDescription: working!.seoDescription,
  });
  if (!saved.ok) throw new Error(`save refused: ${saved.error.message}`);
  const sent = performance.now();
  const published = await session.action("publishUpdateArticle", {
    id: story.id,
    fromStatus: "published",
  });
  const acknowledged = performance.now();
  if (!published.ok) throw new Error(`publish update refused: ${published.error.message}`);
  let seenAt = Number.NaN;
  let polls = 0;
  const url = `${readerBase}${story.path}`;
  while (performance.now() - acknowledged < 10_000) {
    polls++;
    const text = await new Promise<string>((resolve, reject) => {
      http
        .get(url, { agent }, (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (c) => {
            body += c;
          });
          res.on("end", () => resolve(body));
        })
        .on("error", reject);
    });
    if (text.includes(headline)) {
      seenAt = performance.now();
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  agent.destroy();
  const fromAck = seenAt - acknowledged;
  const fromSend = seenAt - sent;
  report.figures.freshness = {
    through: front ? "cache front" : "app (no front yet)",
    fromAcknowledgedMs: round2(fromAck),
    fromRequestMs: round2(fromSend),
    publishCallMs: round2(acknowledged - sent),
    polls,
  };
  report.add({
    budget: `freshness: update visible through the ${front ? "cache front" : "app (front not available yet)"}`,
    target: "≤ 1,000 ms",
    measured: Number.isFinite(seenAt)
      ? `${fmt.ms(fromAck)} after the publish call returned (${fmt.ms(fromSend)} from sending it; ${polls} polls)`
      : "not visible after 10 s",
    pass: Number.isFinite(seenAt) && fromAck <= 1_000,
  });
}

async function weight(app: AppServer, newsroom: SeededNewsroom) {
  log("\n== page weight (gzip level 6, as a front would send it)");
  const article = await fetchText(`${app.baseURL}${newsroom.viaCommands[0]!.path}`);
  const htmlGz = zlib.gzipSync(article.text, { level: 6 }).length;
  const scripts = [...article.text.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
  let jsGz = 0;
  const perScript: Record<string, number> = {};
  for (const src of scripts) {
    const js = await fetchText(new URL(src.replaceAll("&amp;", "&"), app.baseURL).toString());
    const size = zlib.gzipSync(js.text, { level: 6 }).length;
    perScript[src] = size;
    jsGz += size;
  }
  report.figures.weight = {
    htmlBytes: Buffer.byteLength(article.text),
    htmlGzipBytes: htmlGz,
    scripts: perScript,
    jsGzipBytes: jsGz,
  };
  report.add({
    budget: "article HTML, gzipped",
    target: "≤ 25 KB",
    measured: `${fmt.kb(htmlGz)} (${fmt.kb(Buffer.byteLength(article.text))} raw)`,
    pass: htmlGz <= 25 * 1024,
  });
  report.add({
    budget: "JavaScript on the article page, gzipped",
    target: "≤ 150 KB",
    measured: `${fmt.kb(jsGz)} in ${scripts.length} script${scripts.length === 1 ? "" : "s"}`,
    pass: jsGz <= 150 * 1024,
  });
}

function lighthouseRuns(base: string, newsroom: SeededNewsroom) {
  log("\n== Lighthouse 12.2.3, mobile preset, Debian Chromium");
  for (const [name, pagePath] of [
    ["home", "/"],
    ["article", newsroom.viaCommands[0]!.path],
  ] as const) {
    const s = lighthouse(`${base}${pagePath}`);
    report.figures[`lighthouse_${name}`] = s;
    report.add({
      budget: `Lighthouse ${name}: performance / accessibility / best practices / SEO`,
      target: "≥ 95 / 100 / ≥ 95 / 100",
      measured: `${s.performance} / ${s.accessibility} / ${s.bestPractices} / ${s.seo}`,
      pass:
        s.performance >= 95 && s.accessibility === 100 && s.bestPractices >= 95 && s.seo === 100,
    });
    for (const f of s.failing) {
      report.note(
        `lighthouse ${name}: ${f.category} lost points on "${f.title}" (${f.id}, score ${f.score}${f.value ? `, ${f.value}` : ""})`,
      );
    }
  }
}

async function search() {
  log(`\n== search over ${ARCHIVE.toLocaleString("en")} stories (a separate database)`);
  const name = `bench_archive_${ARCHIVE}_${ARCHIVE_WORDS}w_v1`;
  let archive = await keptBenchDatabase(name, args.includes("--fresh-archive"));
  const [{ n }] = (await archive.handle.db.execute(
    sql`select count(*)::int as n from published_articles`,
  )) as unknown as [{ n: number }];
  if (!archive.fresh && n !== ARCHIVE) {
    await archive.handle.close();
    archive = await keptBenchDatabase(name, true);
  }
  if (archive.fresh) {
    const started = performance.now();
    await seedArchive(archive.handle, ARCHIVE, ARCHIVE_WORDS, log);
    log(
      `  archive written in ${Math.round((performance.now() - started) / 1000)} s (kept as ${name} for later runs; --fresh-archive rewrites it)`,
    );
  } else {
    report.note(`search archive reused from an earlier run (database ${name}, ${ARCHIVE} stories)`);
  }
  setDatabase(archive.handle);
  const queries = readerQueries(200);
  for (const q of queries.slice(0, 20)) await searchStories(q, 1, 10); // prepare and warm
  const times: number[] = [];
  const byMatches = new Map<string, number[]>();
  let hits = 0;
  for (const q of queries) {
    const t = performance.now();
    const result = await searchStories(q, 1, 10);
    const took = performance.now() - t;
    times.push(took);
    hits += result.total;
    // Search reads at most 1,001 candidates (501 for a phrase, checked story by story): cost
    // follows the matches up to that limit, then stays flat ("over": "more than 1,000" shown;
    // "recent": a phrase checked in the newest candidates only).
    const bucket =
      result.count === "over"
        ? "over the limit"
        : result.count === "recent"
          ? "phrase, recent only"
          : result.total <= 100
            ? "≤100"
            : "101–1,000";
    byMatches.set(bucket, [...(byMatches.get(bucket) ?? []), took]);
  }
  const buckets = Object.fromEntries(
    ["≤100", "101–1,000", "over the limit", "phrase, recent only"].map((b) => {
      const list = (byMatches.get(b) ?? []).sort((x, y) => x - y);
      return [
        b,
        {
          queries: list.length,
          p50Ms: round2(percentile(list, 50)),
          p95Ms: round2(percentile(list, 95)),
        },
      ];
    }),
  );
  report.note(
    `search by stories counted: ${Object.entries(buckets)
      .map(([b, v]) => `${b}: ${v.queries} queries, p95 ${fmt.ms(v.p95Ms)}`)
      .join("; ")}`,
  );
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  report.figures.search = {
    stories: ARCHIVE,
    wordsPerStory: ARCHIVE_WORDS,
    queries: queries.length,
    p50Ms: round2(percentile(times, 50)),
    p95Ms: round2(p95),
    p99Ms: round2(percentile(times, 99)),
    maxMs: round2(times.at(-1)!),
    meanMatches: Math.round(hits / queries.length),
    byMatches: buckets,
  };
  report.add({
    budget: `search, ${ARCHIVE.toLocaleString("en")} stories, ${queries.length} queries (searchStories)`,
    target: "p95 ≤ 50 ms",
    measured: `p50 ${fmt.ms(percentile(times, 50))}, p95 ${fmt.ms(p95)}, p99 ${fmt.ms(percentile(times, 99))} (mean ${Math.round(hits / queries.length)} stories counted a query, at most 1,000)`,
    pass: p95 <= 50,
  });
  await archive.handle.close();
}

async function main() {
  log(
    `bench ${startedAt.toISOString()} · commit ${commit()} · ${os.cpus().length} cores · load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const needsApp = SECTIONS.filter((s) => s !== "search").some(wanted);
  let bench: BenchDatabase | null = null;
  try {
    if (needsApp) {
      ensureBuild();
      log(`\n== seeding ${STORIES.toLocaleString("en")} published stories on PostgreSQL`);
      bench = await createBenchDatabase("bench");
      const newsroom = await seedNewsroom(bench.handle, STORIES, VIA_COMMANDS, (l) =>
        log(`  ${l}`),
      );
      report.note(
        `${VIA_COMMANDS} stories published through the real commands (create, submit, approve, publish), ` +
          `${STORIES - VIA_COMMANDS} by bulk insert of the same rows publishing writes (no audit rows); ` +
          "the measured article and the freshness story are real publications",
      );
      // The front first: the app is told where to send its purges, and readers (and the
      // editor of the freshness test) reach the site through it, as in production.
      const edge = await startFront(EDGE_PORT, APP_PORT);
      const front = edge?.url ?? null;
      const app = await startApp({
        name: "bench",
        port: APP_PORT,
        env: {
          ...postgresAppEnv({
            databaseUrl: bench.url,
            authSecret: AUTH_SECRET,
            dataDir: benchDir("data"),
            siteUrl: front ?? `http://127.0.0.1:${APP_PORT}`,
          }),
          ...(front ? { EDGE_PURGE_URL: front } : {}),
        },
      });
      log(`  app on ${app.baseURL}${front ? `, cache front (Varnish) on ${front}` : ""}`);
      if (wanted("throughput")) await throughput(app, front, newsroom);
      if (wanted("weight")) await weight(app, newsroom);
      if (wanted("lighthouse")) lighthouseRuns(front ?? app.baseURL, newsroom);
      if (wanted("freshness")) await freshness(app, front, bench, newsroom);
      stopAll();
      await stopFronts();
    }
    if (wanted("search")) await search();
  } finally {
    stopAll();
    await stopFronts();
    if (bench) await dropBenchDatabase(bench);
  }
  const file = path.join("bench", "results", "latest.json");
  report.write(file, {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    commit: commit(),
    command: `npm run bench${args.length ? ` -- ${args.join(" ")}` : ""}`,
    machine: { cores: os.cpus().length, model: os.cpus()[0]?.model, loadAfter: os.loadavg() },
    seconds: SECONDS,
    connections: CONNECTIONS,
  });
  log(`\n${report.table()}\n\n(figures in ${file})`);
  const failed = report.rows.filter((r) => r.pass === false).length;
  if (failed) log(`${failed} budget${failed === 1 ? "" : "s"} missed in this run.`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    stopAll();
    process.exit(1);
  },
);
