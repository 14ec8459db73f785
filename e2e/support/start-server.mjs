// Starts the production build (`next build` has already run) with `npm start`'s server
// (scripts/serve.mjs) on a fresh embedded database.
// Playwright's webServer runs this; it stops us with SIGTERM (see playwright.config.ts).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PORT = process.env.E2E_PORT ?? "3100";
const HOST = "127.0.0.1";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const stateDir = path.join(root, "e2e", ".state");
const stateFile = path.join(stateDir, "data-dir");
const prefix = path.join(os.tmpdir(), "newsroom-e2e-");

// A run that was killed outright cannot clean up after itself: remove its leftover directory.
try {
  const previous = fs.readFileSync(stateFile, "utf8").trim();
  if (previous.startsWith(prefix)) fs.rmSync(previous, { recursive: true, force: true });
} catch {
  // No previous run.
}

const dataDir = fs.mkdtempSync(prefix);
fs.mkdirSync(stateDir, { recursive: true });
fs.writeFileSync(stateFile, `${dataDir}\n`);

const env = { ...process.env, DATA_DIR: dataDir, PORT, SITE_URL: `http://${HOST}:${PORT}` };
// Embedded PGlite: no database server, and nothing from the developer's shell may redirect it.
delete env.DATABASE_URL;
delete env.NEXTAUTH_URL;

console.log(`[e2e] DATA_DIR=${dataDir}`);

const child = spawn(
  process.execPath,
  // The production server (`npm start`): Next behind the page-cache hit path.
  [path.join(root, "scripts/serve.mjs"), "-p", PORT, "-H", HOST],
  { cwd: root, env, stdio: "inherit" },
);

let cleaned = false;
function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  if (process.env.E2E_KEEP_DATA) {
    console.log(`[e2e] keeping ${dataDir}`);
    return;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on("error", (error) => {
  console.error(`[e2e] could not start next: ${error.message}`);
  cleanUp();
  process.exit(1);
});

child.on("exit", (code, signal) => {
  cleanUp();
  process.exit(code ?? (signal === "SIGTERM" || signal === "SIGINT" ? 0 : 1));
});

process.on("exit", cleanUp);
