import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "@/db/client";
import { dbKind } from "../support/setup-db";

/**
 * Issue 6, Faults 3 (THREATS 35 for the embedded database): a process killed with SIGKILL
 * while it writes leaves the embedded database openable, with every write it acknowledged,
 * no half-applied transaction, and its stale lock taken over by the next process.
 * A child process writes (test/support/pglite-writer.ts); this test kills it twice at
 * different points and reopens the directory after each kill.
 */

const ROOT = process.cwd();
const SLOW = 240_000;
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

type Writer = { child: ChildProcess; acked: () => number; exited: Promise<unknown> };

function startWriter(dataDir: string): Promise<Writer> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  // `node --import tsx`, not the tsx binary: one process, so SIGKILL hits the writer itself.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "test/support/pglite-writer.ts"],
    { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  let last = 0;
  let stdout = "";
  let stderr = "";
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk;
      const lines = stdout.split("\n");
      stdout = lines.pop() ?? "";
      for (const line of lines) {
        if (line === "ready") resolve({ child, acked: () => last, exited });
        const match = /^ack (\d+)$/.exec(line);
        if (match) last = Number(match[1]);
      }
    });
    child.once("exit", (code) =>
      reject(new Error(`writer exited (${code}) before ready: ${stderr}`)),
    );
  });
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

type Counts = { items: number; log: number; total: number; max: number; missing: number };

describe.skipIf(dbKind !== "pglite")("the embedded database after kill -9", () => {
  it(
    "two kills mid-write: each reopen takes over the stale lock and has every acknowledged write, whole",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsroom-crash-"));
      dirs.push(dir);
      let acknowledged = 0;
      // Kill after a different number of writes each round, so the kill lands at different points.
      for (const target of [30, 120]) {
        const writer = await startWriter(dir);
        const startedFrom = acknowledged;
        await until(() => writer.acked() >= startedFrom + target, 120_000);
        writer.child.kill("SIGKILL");
        await writer.exited;
        acknowledged = writer.acked();
        // The dead writer's lock is still there: nothing cleaned up after it.
        expect(fs.readFileSync(path.join(dir, "pglite.lock"), "utf8")).toBe(
          String(writer.child.pid),
        );

        const handle = await openPglite(dir);
        try {
          expect(fs.readFileSync(path.join(dir, "pglite.lock"), "utf8")).toBe(String(process.pid));
          const result = (await handle.db.execute(sql`
            select
              (select count(*)::int from crash_items) as items,
              (select count(*)::int from crash_log) as log,
              (select total from crash_counter where id = 1) as total,
              (select coalesce(max(n), 0)::int from crash_items) as max,
              (select count(*)::int from generate_series(1, ${acknowledged}) g
                 where not exists (select 1 from crash_items i where i.n = g)) as missing
          `)) as unknown as { rows: Counts[] };
          const counts = result.rows[0]!;
          // Every acknowledged write is there...
          expect(counts.missing).toBe(0);
          expect(counts.max).toBeGreaterThanOrEqual(acknowledged);
          // ...at most the one in flight committed without its ack being read...
          expect(counts.max).toBeLessThanOrEqual(acknowledged + 1);
          // ...and no transaction is half-applied.
          expect(counts.log).toBe(counts.items);
          expect(counts.total).toBe(counts.items);
          expect(counts.items).toBe(counts.max);
          // The rows read back whole, through the index and by a full scan.
          const body = (await handle.db.execute(
            sql`select body from crash_items where n = ${acknowledged}`,
          )) as unknown as { rows: { body: string }[] };
          expect(body.rows[0]?.body).toBe(`${acknowledged}:${"x".repeat(4_000)}`);
          const scan = (await handle.db.execute(
            sql`select count(*)::int as n from crash_items where length(body) > 4000`,
          )) as unknown as { rows: { n: number }[] };
          expect(scan.rows[0]?.n).toBe(counts.items);
          acknowledged = counts.max;
        } finally {
          await handle.close();
        }
        expect(fs.existsSync(path.join(dir, "pglite.lock"))).toBe(false);
      }
    },
    SLOW,
  );
});
