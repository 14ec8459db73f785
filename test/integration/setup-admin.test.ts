import { count, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users, workflowEvents } from "@/db/schema";
import { verifyCredentials } from "@/server/auth/verify-credentials";
import { db } from "@/server/db";
import { setupAdmin } from "@/server/users/commands/setup-admin";

/**
 * First run: setupAdmin is public only while no user exists. This file keeps its database
 * empty of users until the first test, so the tests run in order and depend on each other.
 */

async function allUsers() {
  return (await db()).select().from(users);
}

const admin = (email: string) => ({
  name: "First Admin",
  email,
  password: "a long enough password",
});

describe("setupAdmin", () => {
  it("on an empty database: bad input creates nobody, and of two concurrent calls exactly one makes the admin", async () => {
    expect(await allUsers()).toEqual([]);

    for (const bad of [
      {},
      { ...admin("not-an-email") },
      { ...admin("ok@example.com"), password: "short" },
      { ...admin("ok@example.com"), role: "reporter" },
      null,
    ]) {
      const result = await setupAdmin.execute(null, bad);
      expect(result).toMatchObject({ ok: false, error: { code: "invalid" } });
    }
    expect(await allUsers()).toEqual([]);

    const results = await Promise.all([
      setupAdmin.execute(null, admin("first@example.com")),
      setupAdmin.execute(null, admin("second@example.com")),
    ]);

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const rows = await allUsers();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: "admin", active: true });
    const winner = results[0]!.ok ? "first@example.com" : "second@example.com";
    expect(rows[0]!.email).toBe(winner);
    // The new admin can sign in with the password they chose.
    const signedIn = await verifyCredentials(await db(), winner, "a long enough password");
    expect(signedIn?.id).toBe(rows[0]!.id);
    const [audit] = await (await db())
      .select({ n: count() })
      .from(workflowEvents)
      .where(sql`${workflowEvents.action} = 'setup_admin'`);
    expect(audit!.n).toBe(1);
  });

  it("once a user exists, every later call is forbidden and creates nobody", async () => {
    const before = await allUsers();
    expect(before).toHaveLength(1);
    const existing = before[0]!;

    const anonymous = await setupAdmin.execute(null, admin("late@example.com"));
    const asAdmin = await setupAdmin.execute(
      { userId: existing.id, sessionVersion: existing.sessionVersion },
      admin("late2@example.com"),
    );
    const sameEmail = await setupAdmin.execute(null, admin(existing.email));

    for (const result of [anonymous, asAdmin, sameEmail]) {
      expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(await allUsers()).toEqual(before);
  });
});
