import argon2 from "argon2";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users, workflowEvents } from "@/db/schema";
import { loadActor } from "@/server/auth/actor";
import { verifyCredentials } from "@/server/auth/verify-credentials";
import { db } from "@/server/db";
import { deactivate, makeUser, type TestUser } from "../support/fixtures";

/**
 * THREATS 24–25, 28: the session cookie only claims who you are; every use re-reads the
 * user row. Sign-in failures all look alike, and old password hashes are upgraded.
 */

const PASSWORD = "correct horse battery"; // what makeUser sets

let editor: TestUser;

beforeAll(async () => {
  editor = await makeUser("editor", "Session Editor");
});

async function storedHash(userId: string): Promise<string> {
  const [row] = await (await db())
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  return row!.hash;
}

/** `$argon2id$v=19$m=…,t=…,p=…$salt$hash`, parameters in whatever order the library writes. */
function argonParams(hash: string) {
  const match = /^\$argon2id\$v=19\$([a-z]=\d+(?:,[a-z]=\d+)*)\$[^$]+\$[^$]+$/.exec(hash);
  if (!match) throw new Error(`not an argon2id hash: ${hash.slice(0, 30)}`);
  const params = Object.fromEntries(
    match[1]!.split(",").map((pair) => {
      const [key, value] = pair.split("=");
      return [key!, Number(value)];
    }),
  );
  return { m: params.m, t: params.t, p: params.p };
}

describe("loadActor", () => {
  it("returns the actor for a live user with the current session version (and nothing secret)", async () => {
    const actor = await loadActor(await db(), editor.claims);
    expect(actor).toEqual({
      id: editor.id,
      role: "editor",
      name: "Session Editor",
      email: editor.email,
    });
  });

  it("returns null with no claims", async () => {
    expect(await loadActor(await db(), null)).toBeNull();
  });

  it("returns null for a deactivated user", async () => {
    const user = await makeUser("editor");
    expect(await loadActor(await db(), user.claims)).not.toBeNull();
    await deactivate(user);
    expect(await loadActor(await db(), user.claims)).toBeNull();
  });

  it("returns null for a wrong session version, older or newer", async () => {
    for (const sessionVersion of [0, 2, -1, 1.5, Number.NaN]) {
      expect(await loadActor(await db(), { userId: editor.id, sessionVersion })).toBeNull();
    }
  });

  it("returns null once the session version is bumped (role change, password change), and the new claims see the new role", async () => {
    const user = await makeUser("editor");
    await (await db())
      .update(users)
      .set({ role: "reporter", sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, user.id));
    expect(await loadActor(await db(), user.claims)).toBeNull();
    const fresh = await loadActor(await db(), { userId: user.id, sessionVersion: 2 });
    expect(fresh?.role).toBe("reporter");
  });

  it.each([
    ["x", "x"],
    ["a SQL injection", "' or 1=1 --"],
    ["an empty string", ""],
    ["a uuid with junk after it", `${"123e4567-e89b-12d3-a456-426614174000"}' or '1'='1`],
    ["an unknown uuid", "123e4567-e89b-12d3-a456-426614174000"],
    ["the nil uuid", "00000000-0000-0000-0000-000000000000"],
  ])("returns null for a malformed or unknown userId: %s", async (_, userId) => {
    expect(await loadActor(await db(), { userId, sessionVersion: 1 })).toBeNull();
  });

  it("returns null for claims of the wrong shape", async () => {
    for (const claims of [{ userId: 42, sessionVersion: 1 }, { sessionVersion: 1 }, {}]) {
      expect(await loadActor(await db(), claims as never)).toBeNull();
    }
  });
});

describe("verifyCredentials", () => {
  it("returns the user for the right password, with no hash in the answer", async () => {
    const result = await verifyCredentials(await db(), editor.email, PASSWORD);
    expect(result).toEqual({
      id: editor.id,
      name: "Session Editor",
      email: editor.email,
      sessionVersion: 1,
    });
  });

  it("matches the email case-insensitively and ignores surrounding spaces", async () => {
    const result = await verifyCredentials(
      await db(),
      `  ${editor.email.toUpperCase()} `,
      PASSWORD,
    );
    expect(result?.id).toBe(editor.id);
  });

  it("returns null for a wrong password, and the password is exact (no trimming or case folding)", async () => {
    for (const wrong of [
      "wrong password!!",
      `${PASSWORD} `,
      PASSWORD.toUpperCase(),
      "",
      "x".repeat(5000),
    ]) {
      expect(await verifyCredentials(await db(), editor.email, wrong)).toBeNull();
    }
  });

  it("returns null for an unknown email, and audits it exactly like a wrong password", async () => {
    const database = await db();
    const countFailures = async () =>
      (
        await database
          .select()
          .from(workflowEvents)
          .where(eq(workflowEvents.action, "sign_in_failed"))
      ).length;
    const before = await countFailures();
    expect(await verifyCredentials(database, "nobody@nowhere.example", PASSWORD)).toBeNull();
    expect(await verifyCredentials(database, editor.email, "not the password")).toBeNull();
    const rows = (
      await database
        .select()
        .from(workflowEvents)
        .where(eq(workflowEvents.action, "sign_in_failed"))
    ).slice(-2);
    expect(await countFailures()).toBe(before + 2);
    // Nothing in the audit tells the two failures apart, nor names the email tried.
    expect(rows[0]!.detail).toEqual(rows[1]!.detail);
    expect(rows[0]!.actorId).toBe(rows[1]!.actorId);
    expect(JSON.stringify(rows)).not.toContain("nobody@nowhere.example");
  });

  it("returns null for inputs that are not strings", async () => {
    for (const [email, password] of [
      [null, PASSWORD],
      [editor.email, null],
      [{ $ne: "" }, PASSWORD],
      [[editor.email], PASSWORD],
      [editor.email, { toString: () => PASSWORD }],
    ]) {
      expect(await verifyCredentials(await db(), email, password)).toBeNull();
    }
  });

  it("returns null for a deactivated user even with the right password", async () => {
    const user = await makeUser("reporter");
    await deactivate(user);
    expect(await verifyCredentials(await db(), user.email, PASSWORD)).toBeNull();
  });

  it("stores new hashes as argon2id m=19456, t=2, p=1", async () => {
    expect(argonParams(await storedHash(editor.id))).toEqual({ m: 19_456, t: 2, p: 1 });
  });

  it("re-hashes a weaker stored hash (t=1) to m=19456, t=2 on a successful sign-in, and not on a failed one", async () => {
    const user = await makeUser("reporter");
    const weak = await argon2.hash(PASSWORD, {
      type: argon2.argon2id,
      timeCost: 1,
      memoryCost: 19_456,
      parallelism: 1,
    });
    expect(argonParams(weak)).toMatchObject({ t: 1 });
    await (await db()).update(users).set({ passwordHash: weak }).where(eq(users.id, user.id));

    expect(await verifyCredentials(await db(), user.email, "not the password")).toBeNull();
    expect(await storedHash(user.id)).toBe(weak);

    const signedIn = await verifyCredentials(await db(), user.email, PASSWORD);
    expect(signedIn?.id).toBe(user.id);
    const upgraded = await storedHash(user.id);
    expect(upgraded).not.toBe(weak);
    expect(argonParams(upgraded)).toEqual({ m: 19_456, t: 2, p: 1 });
    expect(await argon2.verify(upgraded, PASSWORD)).toBe(true);
    // The upgrade is not a password change: live sessions stay valid.
    expect(signedIn?.sessionVersion).toBe(1);
    expect(await loadActor(await db(), user.claims)).not.toBeNull();
  });

  it("re-hashes a hash with less memory (m=4096) too", async () => {
    const user = await makeUser("reporter");
    const weak = await argon2.hash(PASSWORD, {
      type: argon2.argon2id,
      timeCost: 2,
      memoryCost: 4_096,
      parallelism: 1,
    });
    await (await db()).update(users).set({ passwordHash: weak }).where(eq(users.id, user.id));
    expect(await verifyCredentials(await db(), user.email, PASSWORD)).not.toBeNull();
    expect(argonParams(await storedHash(user.id))).toEqual({ m: 19_456, t: 2, p: 1 });
  });
});
