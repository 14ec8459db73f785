import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "@/db/client";
import { workflowEvents } from "@/db/schema";
import { recordEvent } from "@/server/audit";
import { chainHash } from "@/server/audit-chain";
import { verifyAuditChain } from "@/server/audit-verify";
import { db } from "@/server/db";
import { advance, makeUser, type TestUser, writeStory } from "../support/fixtures";
import { dbKind } from "../support/setup-db";

/**
 * THREATS.md row 42: the audit trail is a hash chain. Concurrent appends from separate
 * transactions still form one unbroken chain, and a superuser who switches the append-only
 * trigger off and alters, removes or slips in a row is caught, at the first row affected.
 */
let reporter: TestUser;
let editor: TestUser;

beforeAll(async () => {
  reporter = await makeUser("reporter");
  editor = await makeUser("editor");
});

async function allEvents() {
  return (await db()).select().from(workflowEvents).orderBy(asc(workflowEvents.id));
}

/** As the database owner: the only way around the append-only triggers. */
async function tamper(statement: ReturnType<typeof sql>) {
  const database = await db();
  await database.transaction(async (tx) => {
    await tx.execute(sql`alter table workflow_events disable trigger user`);
    await tx.execute(statement);
    await tx.execute(sql`alter table workflow_events enable trigger user`);
  });
}

describe("audit hash chain", () => {
  it("every row written by real commands is linked to the one before it", async () => {
    const story = await writeStory(reporter);
    await advance(story.id, [
      { name: "submit", as: reporter },
      { name: "approve", as: editor },
      { name: "publish", as: editor },
    ]);
    const rows = await allEvents();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    let previous = "";
    for (const row of rows) {
      expect(row.prevHash).toBe(previous);
      expect(row.hash).toBe(chainHash(previous, row));
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      previous = row.hash!;
    }
    const report = await verifyAuditChain(await db());
    expect(report).toMatchObject({ broken: null, rows: rows.length, head: previous });
  });

  it("concurrent appends in separate transactions keep one chain", async () => {
    const database = await db();
    const before = (await allEvents()).length;
    const stories = await Promise.all(Array.from({ length: 6 }, () => writeStory(reporter)));
    // Transitions, refusals (audited outside the command's transaction) and raw appends at once.
    await Promise.all([
      ...stories.map((s) => advance(s.id, [{ name: "submit", as: reporter }])),
      ...stories.map((s) =>
        advance(s.id, [{ name: "approve", as: reporter }]).catch(() => "refused"),
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        database.transaction(async (tx) => {
          await recordEvent(tx, { action: "test_append", note: `append ${i}`, detail: { i } });
          // Hold the transaction open a little, so that others queue on the chain lock.
          await tx.execute(sql`select pg_sleep(0.005)`);
        }),
      ),
    ]);
    const rows = await allEvents();
    expect(rows.length).toBeGreaterThanOrEqual(before + 6 + 6 + 6 + 20);
    // One chain: no two rows claim the same predecessor.
    const prevs = rows.map((r) => r.prevHash);
    expect(new Set(prevs).size).toBe(prevs.length);
    const report = await verifyAuditChain(database, 7);
    expect(report.broken).toBeNull();
    expect(report.rows).toBe(rows.length);
  });

  it("an altered row is found, named by its id", async () => {
    const rows = await allEvents();
    const target = rows[Math.floor(rows.length / 2)]!;
    await tamper(sql`update workflow_events set note = 'nothing to see' where id = ${target.id}`);
    const report = await verifyAuditChain(await db());
    expect(report.broken).toEqual({ id: target.id, reason: expect.stringMatching(/altered/) });
    // Put it back (as the superuser again) so the chain is whole for the next case.
    await tamper(sql`update workflow_events set note = ${target.note} where id = ${target.id}`);
    expect((await verifyAuditChain(await db())).broken).toBeNull();
  });

  it("a re-hashed row is still found by the next row's link", async () => {
    const rows = await allEvents();
    const target = rows[3]!;
    const forged = { ...target, actorId: null };
    const hash = chainHash(target.prevHash ?? "", forged);
    await tamper(
      sql`update workflow_events set actor_id = null, hash = ${hash} where id = ${target.id}`,
    );
    const report = await verifyAuditChain(await db());
    expect(report.broken?.id).toBe(rows[4]!.id);
    expect(report.broken?.reason).toMatch(/removed or reordered/);
  });

  it("a removed row and a row slipped in without a hash are found", async () => {
    const rows = await allEvents();
    const victim = rows[rows.length - 3]!;
    await tamper(sql`delete from workflow_events where id = ${victim.id}`);
    const report = await verifyAuditChain(await db());
    // The first break is the re-hashed row of the previous case; after it, the deletion.
    expect(report.broken).not.toBeNull();

    await tamper(sql`insert into workflow_events (action, note) values ('forged', 'no hash')`);
    const forged = (await allEvents()).at(-1)!;
    const rest = await verifyAuditChain(await db());
    expect(rest.broken).not.toBeNull();
    expect(forged.hash).toBeNull();
  });
});

describe("npm run audit:verify", () => {
  it.runIf(dbKind === "pglite")(
    "exits 0 on an intact chain, non-zero naming the first broken row after tampering",
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsroom-audit-verify-"));
      const verify = () =>
        spawnSync("npm", ["run", "-s", "audit:verify"], {
          env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" },
          encoding: "utf8",
        });
      try {
        let handle = await openPglite(dataDir);
        await handle.migrate();
        for (let i = 0; i < 5; i++) {
          await recordEvent(handle.db, { action: "test_append", note: `row ${i}` });
        }
        const [third] = await handle.db
          .select()
          .from(workflowEvents)
          .orderBy(asc(workflowEvents.id))
          .offset(2)
          .limit(1);
        await handle.close();

        const intact = verify();
        expect(intact.stdout).toMatch(/Audit chain intact: 5 rows/);
        expect(intact.status).toBe(0);

        handle = await openPglite(dataDir);
        await handle.db.transaction(async (tx) => {
          await tx.execute(sql`alter table workflow_events disable trigger user`);
          await tx.execute(sql`update workflow_events set note = 'edited' where id = ${third!.id}`);
          await tx.execute(sql`alter table workflow_events enable trigger user`);
        });
        await handle.close();

        const broken = verify();
        expect(broken.status).not.toBe(0);
        expect(broken.stderr).toContain(`audit chain broken at workflow_events id ${third!.id}`);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    // Two CLI runs, each opening and migrating the embedded database.
    240_000,
  );
});
