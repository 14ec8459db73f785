import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, DatabaseLockedError, openPglite } from "@/db/client";

/**
 * Issue 2: a second process must never open an embedded database that a running server
 * holds (two PGlite instances on one directory corrupt it); it gets a clear error instead.
 * A lock left by a process that died (kill -9) must not keep the newsroom down.
 */

// Vitest runs from the project root (db/client.ts finds its migrations the same way).
const ROOT = process.cwd();
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsroom-lock-"));
  dirs.push(dir);
  return dir;
}

const lockFile = (dir: string) => path.join(dir, "pglite.lock");

/** PGlite start-up (WASM) and a child tsx process take many seconds on a busy machine. */
const SLOW = 180_000;

/**
 * Creating a PGlite data directory runs initdb, which is slow; it is done once here and
 * each test works on a copy (with a table `kept` holding one row).
 */
let template: string;
beforeAll(async () => {
  template = tempDir();
  const handle = await openPglite(template);
  await handle.db.execute(sql`create table kept (v text)`);
  await handle.db.execute(sql`insert into kept values ('still here')`);
  await handle.close();
}, SLOW);

function copyOfTemplate(): string {
  const dir = tempDir();
  fs.cpSync(path.join(template, "pgdata"), path.join(dir, "pgdata"), { recursive: true });
  return dir;
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens, expecting a refusal; closes the handle if it (wrongly) opened, so nothing leaks. */
async function openExpectingRefusal(dir: string): Promise<unknown> {
  try {
    const handle = await openPglite(dir);
    await handle.close();
    return handle;
  } catch (error) {
    return error;
  }
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

/** A live process we own, holding nothing: its pid in a lock file means "in use". */
async function liveProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  children.push(child);
  await new Promise((resolve) => child.once("spawn", resolve));
  return child;
}

function runMigrate(dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "error" };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      "npx",
      ["tsx", "--conditions=react-server", "scripts/migrate.ts"],
      { cwd: ROOT, env, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe("the embedded database lock", () => {
  it(
    "a second open of a directory this process holds is refused with DatabaseLockedError; after close() it opens again with the data kept",
    async () => {
      const dir = copyOfTemplate();
      const first = await openPglite(dir);
      let second: unknown;
      try {
        await first.db.execute(sql`insert into kept values ('written while held')`);
        second = await openExpectingRefusal(dir);
      } finally {
        await first.close();
      }
      expect(second).toBeInstanceOf(DatabaseLockedError);
      expect(String((second as Error).message)).toMatch(/in use/);
      expect(fs.existsSync(lockFile(dir))).toBe(false);

      const again = await openPglite(dir);
      try {
        const rows = await again.db.execute(sql`select v from kept`);
        expect(JSON.stringify(rows)).toContain("written while held");
      } finally {
        await again.close();
      }
    },
    SLOW,
  );

  it(
    "a lock held by another live process is refused with a message naming it; once that process is gone the lock is taken over",
    async () => {
      const dir = copyOfTemplate();
      const holder = await liveProcess();
      fs.writeFileSync(lockFile(dir), String(holder.pid));

      const refused = await openExpectingRefusal(dir);
      expect(refused).toBeInstanceOf(DatabaseLockedError);
      expect((refused as Error).message).toMatch(/in use/);
      expect((refused as Error).message).toContain(String(holder.pid));
      expect(fs.readFileSync(lockFile(dir), "utf8")).toBe(String(holder.pid));

      holder.kill();
      await new Promise((resolve) => holder.once("exit", resolve));
      const handle = await openPglite(dir);
      try {
        expect(fs.readFileSync(lockFile(dir), "utf8")).toBe(String(process.pid));
      } finally {
        await handle.close();
      }
    },
    SLOW,
  );

  it(
    "a stale lock (dead pid, or garbage) is taken over, and released again on close",
    async () => {
      const dir = copyOfTemplate();
      for (const stale of [String(await deadPid()), "not a pid"]) {
        fs.writeFileSync(lockFile(dir), stale);
        const handle: DatabaseHandle = await openPglite(dir);
        try {
          expect(fs.readFileSync(lockFile(dir), "utf8")).toBe(String(process.pid));
          const rows = await handle.db.execute(sql`select v from kept`);
          expect(JSON.stringify(rows)).toContain("still here");
        } finally {
          await handle.close();
        }
        expect(fs.existsSync(lockFile(dir))).toBe(false);
      }
    },
    SLOW,
  );

  it(
    "npm run db:migrate against a held directory exits non-zero saying it is in use; once released it migrates",
    async () => {
      const dir = copyOfTemplate();
      const held = await openPglite(dir);
      let blocked: Awaited<ReturnType<typeof runMigrate>>;
      try {
        blocked = await runMigrate(dir);
      } finally {
        await held.close();
      }
      expect(blocked.code).not.toBe(0);
      expect(blocked.stderr).toMatch(/in use/);
      expect(blocked.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace

      const free = await runMigrate(dir);
      expect(free.code).toBe(0);
      expect(free.stdout).toMatch(/Migrations applied/);
      expect(fs.existsSync(lockFile(dir))).toBe(false);
    },
    SLOW,
  );
});
