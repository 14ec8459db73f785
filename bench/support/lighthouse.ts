import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { benchDir } from "./processes";

export const CHROME_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
].join(" ");

export type LighthouseScores = {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  /** Audits that lost points, for finding out why a score misses. */
  failing: { category: string; id: string; title: string; score: number | null; value?: string }[];
  metrics: Record<string, string>;
};

type Lhr = {
  categories: Record<string, { score: number; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<
    string,
    { title: string; score: number | null; displayValue?: string; scoreDisplayMode: string }
  >;
};

/** npm lighthouse 12.2.3 (mobile preset, its default) with Debian's Chromium. */
export function lighthouse(url: string): LighthouseScores {
  const dir = benchDir("lighthouse");
  const out = path.join(dir, "report.json");
  const run = spawnSync(
    path.join("node_modules", ".bin", "lighthouse"),
    [
      url,
      "--output=json",
      `--output-path=${out}`,
      "--only-categories=performance,accessibility,best-practices,seo",
      `--chrome-flags=${CHROME_FLAGS}`,
      "--quiet",
    ],
    {
      encoding: "utf8",
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" },
      timeout: 180_000,
    },
  );
  if (!fs.existsSync(out)) throw new Error(`lighthouse failed: ${run.stderr.slice(-500)}`);
  const lhr = JSON.parse(fs.readFileSync(out, "utf8")) as Lhr;
  fs.rmSync(dir, { recursive: true, force: true });
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const failing: LighthouseScores["failing"] = [];
  for (const [category, cat] of Object.entries(lhr.categories)) {
    for (const ref of cat.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (!audit || ref.weight === 0) continue;
      if (audit.scoreDisplayMode === "notApplicable" || audit.scoreDisplayMode === "manual")
        continue;
      if (audit.score !== null && audit.score < 1) {
        failing.push({
          category,
          id: ref.id,
          title: audit.title,
          score: audit.score,
          value: audit.displayValue,
        });
      }
    }
  }
  const metrics: Record<string, string> = {};
  for (const id of [
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
  ]) {
    metrics[id] = lhr.audits[id]?.displayValue ?? "?";
  }
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    seo: score("seo"),
    failing,
    metrics,
  };
}
