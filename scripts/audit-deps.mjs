// `npm run audit:deps`: the supply-chain gate (THREATS.md row 42, issue 6 Security 6).
// 1. Every package in package-lock.json is at or above the floor written in
//    security/dependency-floors.json (works offline).
// 2. `npm audit` finds no high or critical advisory that security/audit-allowlist.json does not
//    list with a reason. When the registry offers no audit service (some mirrors answer 405),
//    that is said loudly; AUDIT_REQUIRED=1 turns it into a failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
const problems = [];

function compare(a, b) {
  const pa = a.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

const lock = readJson("package-lock.json");
const { floors } = readJson("security/dependency-floors.json");
for (const floor of floors) {
  const installed = Object.entries(lock.packages ?? {})
    .filter(
      ([key]) =>
        key === `node_modules/${floor.package}` || key.endsWith(`/node_modules/${floor.package}`),
    )
    .map(([key, value]) => ({ key, version: value.version }));
  if (installed.length === 0) problems.push(`${floor.package}: not in package-lock.json`);
  for (const { key, version } of installed) {
    if (compare(version, floor.min) < 0) {
      problems.push(`${key}@${version} is below ${floor.min}: ${floor.reason}`);
    }
  }
}
console.log(`dependency floors: ${floors.length} checked`);

const allow = new Set(readJson("security/audit-allowlist.json").advisories.map((a) => a.url));
const audit = spawnSync("npm", ["audit", "--json", "--audit-level=high"], {
  cwd: root,
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
});
let report = null;
try {
  report = JSON.parse(audit.stdout);
} catch {
  report = null;
}
if (!report || report.error) {
  const why = report?.error?.summary || report?.message || audit.stderr.trim() || "no answer";
  const message = `npm audit could not run: ${why}`;
  if (process.env.AUDIT_REQUIRED === "1") problems.push(message);
  else console.warn(`WARNING: ${message} (set AUDIT_REQUIRED=1 to fail on this)`);
} else {
  let counted = 0;
  for (const [name, vuln] of Object.entries(report.vulnerabilities ?? {})) {
    for (const via of vuln.via ?? []) {
      if (typeof via !== "object") continue;
      if (via.severity !== "high" && via.severity !== "critical") continue;
      counted++;
      if (!allow.has(via.url)) {
        problems.push(`${name}: ${via.severity} ${via.title} (${via.url}) — not in the allowlist`);
      }
    }
  }
  console.log(`npm audit: ${counted} high/critical advisories, ${allow.size} allowlisted`);
}

if (problems.length) {
  console.error(`Supply-chain check failed:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log("supply-chain check passed");
