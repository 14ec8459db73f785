import crypto from "node:crypto";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { passwordResets, users, workflowEvents } from "@/db/schema";
import { auditFilterOptions } from "@/server/audit-log/filter-options";
import { parseAuditFilters } from "@/server/audit-log/filters";
import { listAuditEvents } from "@/server/audit-log/list-events";
import { loadActor, type SessionClaims } from "@/server/auth/actor";
import { verifyCredentials } from "@/server/auth/verify-credentials";
import { db } from "@/server/db";
import type { Result } from "@/server/errors";
import { type Actor, mayGrant } from "@/server/policy";
import { changePassword } from "@/server/users/commands/change-password";
import { changeUserRole } from "@/server/users/commands/change-user-role";
import { createPasswordReset } from "@/server/users/commands/create-password-reset";
import { deactivateUser } from "@/server/users/commands/deactivate-user";
import { reactivateUser } from "@/server/users/commands/reactivate-user";
import {
  attemptPasswordReset,
  RESET_LIMITS,
  resetPassword,
} from "@/server/users/commands/reset-password";
import { updateProfile } from "@/server/users/commands/update-profile";
import { isResetLinkUsable } from "@/server/users/queries-reset-link";
import { INVALID_RESET_LINK } from "@/server/users/reset-token";
import { advance, makeUser, ok, type TestUser, writeStory } from "../support/fixtures";

/**
 * Issue 3, item 10 (staff management) and the admin audit view; THREATS 8, 24, 26, 28.
 * Everything is driven through the commands, as a server action would, and read back from
 * the database to prove what changed and what did not.
 */

const PASSWORD = "correct horse battery"; // what makeUser gives everyone
const NEW_PASSWORD = "a brand new passphrase 42";

async function row(user: { id: string }) {
  const [r] = await (await db()).select().from(users).where(eq(users.id, user.id));
  return r!;
}

/** The claims a fresh sign-in would carry now. */
async function freshClaims(user: { id: string }): Promise<SessionClaims> {
  return { userId: user.id, sessionVersion: (await row(user)).sessionVersion };
}

async function eventsAbout(userId: string, action?: string) {
  return (await db())
    .select()
    .from(workflowEvents)
    .where(
      and(
        sql`${workflowEvents.detail}->>'userId' = ${userId}`,
        action ? eq(workflowEvents.action, action) : undefined,
      ),
    )
    .orderBy(desc(workflowEvents.id));
}

async function deniedCount(command: string) {
  const rows = await (await db())
    .select({ id: workflowEvents.id })
    .from(workflowEvents)
    .where(
      and(
        eq(workflowEvents.action, "authz_denied"),
        sql`${workflowEvents.detail}->>'command' = ${command}`,
      ),
    );
  return rows.length;
}

function refused<T>(result: Result<T>) {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return result.error;
}

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

async function resetLinkFor(admin: TestUser, user: TestUser) {
  return ok(await createPasswordReset.execute(admin.claims, { id: user.id })) as {
    token: string;
    expiresAt: string;
  };
}

const resetInput = (token: string, password = NEW_PASSWORD) => ({
  token,
  password,
  confirmPassword: password,
});

/** Makes `keep` the only active admin (other tests' admins are deactivated in the database). */
async function onlyActiveAdmin(keep: TestUser) {
  await (await db())
    .update(users)
    .set({ active: false })
    .where(and(eq(users.role, "admin"), ne(users.id, keep.id)));
}

describe("role changes (THREATS 8, 28)", () => {
  it("an admin's role change bumps session_version and the old session stops working at once", async () => {
    const admin = await makeUser("admin");
    const editor = await makeUser("editor");
    const reporter = await makeUser("reporter");
    const story = await writeStory(reporter);
    await advance(story.id, [{ name: "submit", as: reporter }]);
    const database = await db();
    expect(await loadActor(database, editor.claims)).not.toBeNull();

    const result = ok(
      await changeUserRole.execute(admin.claims, { id: editor.id, role: "reporter" }),
    );

    expect(result).toEqual({ id: editor.id, role: "reporter", changed: true });
    const after = await row(editor);
    expect(after.role).toBe("reporter");
    expect(after.sessionVersion).toBe(editor.claims.sessionVersion + 1);
    // The cookie the editor still holds is nobody now: no actor, and commands say sign in.
    expect(await loadActor(database, editor.claims)).toBeNull();
    const approve = await changeUserRole.execute(editor.claims, {
      id: reporter.id,
      role: "editor",
    });
    expect(refused(approve).code).toBe("unauthenticated");
    const { TRANSITION_COMMANDS } = await import("@/server/articles/commands/transitions");
    const stale = await TRANSITION_COMMANDS.approve.execute(editor.claims, {
      id: story.id,
      fromStatus: "in_review",
    });
    expect(refused(stale).code).toBe("unauthenticated");
    // Signing in again gives a session with the new role only.
    const again = await loadActor(database, await freshClaims(editor));
    expect(again?.role).toBe("reporter");
    const denied = await TRANSITION_COMMANDS.approve.execute(await freshClaims(editor), {
      id: story.id,
      fromStatus: "in_review",
    });
    expect(refused(denied).code).toBe("forbidden");

    const [event] = await eventsAbout(editor.id, "user_role_changed");
    expect(event).toMatchObject({
      actorId: admin.id,
      detail: { userId: editor.id, from: "editor", to: "reporter" },
    });
  });

  it("setting the role someone already has changes nothing and ends no session", async () => {
    const admin = await makeUser("admin");
    const reporter = await makeUser("reporter");
    const result = ok(
      await changeUserRole.execute(admin.claims, { id: reporter.id, role: "reporter" }),
    );
    expect(result).toMatchObject({ changed: false });
    expect((await row(reporter)).sessionVersion).toBe(1);
    expect(await eventsAbout(reporter.id, "user_role_changed")).toHaveLength(0);
  });

  it("an editor cannot change roles, not even their own: forbidden, audited, nothing changed", async () => {
    const editor = await makeUser("editor");
    const reporter = await makeUser("reporter");
    const deniedBefore = await deniedCount("changeUserRole");

    const other = await changeUserRole.execute(editor.claims, { id: reporter.id, role: "editor" });
    // Promoting oneself above one's own role (editor → admin) is refused the same way.
    const self = await changeUserRole.execute(editor.claims, { id: editor.id, role: "admin" });

    expect(refused(other).code).toBe("forbidden");
    expect(refused(self).code).toBe("forbidden");
    expect((await row(reporter)).role).toBe("reporter");
    expect((await row(editor)).role).toBe("editor");
    expect((await row(editor)).sessionVersion).toBe(1);
    expect((await row(reporter)).sessionVersion).toBe(1);
    expect(await deniedCount("changeUserRole")).toBe(deniedBefore + 2);
    expect(await eventsAbout(reporter.id, "user_role_changed")).toHaveLength(0);
  });

  it("a reporter cannot change roles either, and the anonymous are asked to sign in", async () => {
    const reporter = await makeUser("reporter");
    const target = await makeUser("reporter");
    const asReporter = await changeUserRole.execute(reporter.claims, {
      id: target.id,
      role: "admin",
    });
    const anonymous = await changeUserRole.execute(null, { id: target.id, role: "admin" });
    expect(refused(asReporter).code).toBe("forbidden");
    expect(refused(anonymous).code).toBe("unauthenticated");
    expect((await row(target)).role).toBe("reporter");
  });

  it("nobody grants a role above their own (the rule the command enforces)", () => {
    const as = (role: Actor["role"]): Actor => ({ id: "x", role, name: "x", email: "x" });
    expect(mayGrant(as("editor"), "admin")).toBe(false);
    expect(mayGrant(as("editor"), "editor")).toBe(false); // editors grant nothing at all
    expect(mayGrant(as("reporter"), "reporter")).toBe(false);
    expect(mayGrant(as("admin"), "admin")).toBe(true);
  });

  it("refuses a role that does not exist, or extra fields, and changes nothing", async () => {
    const admin = await makeUser("admin");
    const reporter = await makeUser("reporter");
    const bogus = await changeUserRole.execute(admin.claims, { id: reporter.id, role: "owner" });
    const extra = await changeUserRole.execute(admin.claims, {
      id: reporter.id,
      role: "editor",
      sessionVersion: 1,
    });
    const missing = await changeUserRole.execute(admin.claims, {
      id: crypto.randomUUID(),
      role: "editor",
    });
    expect(refused(bogus)).toMatchObject({ code: "invalid", fields: { role: expect.any(String) } });
    expect(refused(extra).code).toBe("invalid");
    expect(refused(missing).code).toBe("not_found");
    expect(await row(reporter)).toMatchObject({ role: "reporter", sessionVersion: 1 });
  });

  it("an admin demoted a moment ago cannot finish a staff change with the old session", async () => {
    const first = await makeUser("admin");
    const second = await makeUser("admin");
    const target = await makeUser("reporter");
    ok(await changeUserRole.execute(first.claims, { id: second.id, role: "editor" }));
    const late = await changeUserRole.execute(second.claims, { id: target.id, role: "editor" });
    expect(refused(late).code).toBe("unauthenticated");
    expect((await row(target)).role).toBe("reporter");
  });
});

describe("deactivation and reactivation (THREATS 28)", () => {
  it("deactivation ends every session and sign-in; reactivation lets the person sign in afresh", async () => {
    const admin = await makeUser("admin");
    const reporter = await makeUser("reporter");
    const database = await db();

    const off = ok(await deactivateUser.execute(admin.claims, { id: reporter.id }));

    expect(off).toEqual({ id: reporter.id, active: false, changed: true });
    expect(await row(reporter)).toMatchObject({ active: false, sessionVersion: 2 });
    expect(await loadActor(database, reporter.claims)).toBeNull();
    expect(await loadActor(database, await freshClaims(reporter))).toBeNull();
    expect(await verifyCredentials(database, reporter.email, PASSWORD)).toBeNull();
    const write = await updateProfile.execute(reporter.claims, { name: "Still here", bio: "" });
    expect(refused(write).code).toBe("unauthenticated");

    const on = ok(await reactivateUser.execute(admin.claims, { id: reporter.id }));

    expect(on).toEqual({ id: reporter.id, active: true, changed: true });
    expect(await row(reporter)).toMatchObject({ active: true, sessionVersion: 3 });
    // The cookie from before the deactivation stays dead; a new sign-in works.
    expect(await loadActor(database, reporter.claims)).toBeNull();
    const signedIn = await verifyCredentials(database, reporter.email, PASSWORD);
    expect(signedIn?.sessionVersion).toBe(3);
    expect(
      await loadActor(database, { userId: reporter.id, sessionVersion: signedIn!.sessionVersion }),
    ).not.toBeNull();

    expect((await eventsAbout(reporter.id)).map((e) => e.action).slice(0, 2)).toEqual([
      "user_reactivated",
      "user_deactivated",
    ]);
  });

  it("only admins deactivate: an editor is refused and the account stays active", async () => {
    const editor = await makeUser("editor");
    const reporter = await makeUser("reporter");
    expect(refused(await deactivateUser.execute(editor.claims, { id: reporter.id })).code).toBe(
      "forbidden",
    );
    expect(await row(reporter)).toMatchObject({ active: true, sessionVersion: 1 });
  });

  it("deactivating an inactive account, or reactivating an active one, changes nothing", async () => {
    const admin = await makeUser("admin");
    const reporter = await makeUser("reporter");
    expect(ok(await reactivateUser.execute(admin.claims, { id: reporter.id }))).toMatchObject({
      changed: false,
    });
    expect((await row(reporter)).sessionVersion).toBe(1);
  });
});

describe("the last active admin", () => {
  it("cannot demote or deactivate themself; with a second admin they can step down", async () => {
    const admin = await makeUser("admin");
    await onlyActiveAdmin(admin);

    const demote = refused(
      await changeUserRole.execute(admin.claims, { id: admin.id, role: "editor" }),
    );
    const deactivate = refused(await deactivateUser.execute(admin.claims, { id: admin.id }));

    expect(demote.code).toBe("conflict");
    expect(demote.message).toMatch(/last active admin/);
    expect(deactivate.code).toBe("conflict");
    expect(deactivate.message).toMatch(/last active admin/);
    expect(await row(admin)).toMatchObject({ role: "admin", active: true, sessionVersion: 1 });

    const deputy = await makeUser("editor");
    ok(await changeUserRole.execute(admin.claims, { id: deputy.id, role: "admin" }));
    ok(await changeUserRole.execute(admin.claims, { id: admin.id, role: "editor" }));
    expect((await row(admin)).role).toBe("editor");
    // Now the deputy is the last one.
    const deputyClaims = await freshClaims(deputy);
    const last = refused(await deactivateUser.execute(deputyClaims, { id: deputy.id }));
    expect(last.message).toMatch(/last active admin/);
  });

  it("two admins demoting each other at once leave exactly one admin", async () => {
    const a = await makeUser("admin");
    const b = await makeUser("admin");
    await onlyActiveAdmin(a);
    await (await db()).update(users).set({ active: true }).where(eq(users.id, b.id));

    const [ab, ba] = await Promise.all([
      changeUserRole.execute(a.claims, { id: b.id, role: "editor" }),
      changeUserRole.execute(b.claims, { id: a.id, role: "editor" }),
    ]);

    expect([ab.ok, ba.ok].filter(Boolean)).toHaveLength(1);
    const admins = await (await db())
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true)));
    expect(admins).toHaveLength(1);
  });
});

describe("password reset links (THREATS 24, 26)", () => {
  it("an admin's link works once: the password changes, sessions end, the link is spent", async () => {
    const admin = await makeUser("admin");
    const reporter = await makeUser("reporter");
    const database = await db();

    const link = await resetLinkFor(admin, reporter);

    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(link.token, "base64url")).toHaveLength(32);
    const expires = new Date(link.expiresAt).getTime() - Date.now();
    expect(expires).toBeGreaterThan(23.9 * 3600_000);
    expect(expires).toBeLessThanOrEqual(24 * 3600_000);
    const [stored] = await database
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.userId, reporter.id));
    // Only the hash is stored; the token itself appears nowhere in the database.
    expect(stored!.tokenHash).toBe(sha256(link.token));
    const dump = JSON.stringify(
      await database.select().from(workflowEvents).orderBy(desc(workflowEvents.id)).limit(20),
    );
    expect(dump).not.toContain(link.token);
    expect(dump).not.toContain(stored!.tokenHash);
    expect(await isResetLinkUsable(link.token)).toBe(true);

    ok(await resetPassword.execute(null, resetInput(link.token)));

    expect(await verifyCredentials(database, reporter.email, NEW_PASSWORD)).not.toBeNull();
    expect(await verifyCredentials(database, reporter.email, PASSWORD)).toBeNull();
    expect((await row(reporter)).sessionVersion).toBe(2);
    expect(await loadActor(database, reporter.claims)).toBeNull();
    expect(await isResetLinkUsable(link.token)).toBe(false);

    const second = refused(
      await resetPassword.execute(null, resetInput(link.token, "yet another passphrase")),
    );
    expect(second.message).toBe(INVALID_RESET_LINK);
    expect(await verifyCredentials(database, reporter.email, NEW_PASSWORD)).not.toBeNull();

    expect((await eventsAbout(reporter.id, "password_reset_created"))[0]?.actorId).toBe(admin.id);
    expect((await eventsAbout(reporter.id, "password_reset_used"))[0]?.actorId).toBe(reporter.id);
  });

  it("expired, wrong, malformed and superseded links all get the same message and change nothing", async () => {
    const admin = await makeUser("admin");
    const reporter = await makeUser("reporter");
    const database = await db();
    const hashBefore = (await row(reporter)).passwordHash;

    const expired = await resetLinkFor(admin, reporter);
    await database
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.tokenHash, sha256(expired.token)));
    const wrong = crypto.randomBytes(32).toString("base64url");
    const answers = [
      await resetPassword.execute(null, resetInput(expired.token)),
      await resetPassword.execute(null, resetInput(wrong)),
      await resetPassword.execute(null, resetInput("not-a-token")),
      await resetPassword.execute(null, resetInput(`${expired.token.slice(0, -1)}A`)),
    ];
    const superseded = await resetLinkFor(admin, reporter);
    const current = await resetLinkFor(admin, reporter);
    answers.push(await resetPassword.execute(null, resetInput(superseded.token)));

    for (const answer of answers) {
      expect(refused(answer)).toEqual({ code: "invalid", message: INVALID_RESET_LINK });
    }
    expect(await row(reporter)).toMatchObject({ passwordHash: hashBefore, sessionVersion: 1 });
    expect(await isResetLinkUsable(expired.token)).toBe(false);
    expect(await isResetLinkUsable(wrong)).toBe(false);
    expect(await isResetLinkUsable(current.token)).toBe(true);
  });

  it("refuses a weak or mismatched new password with a field message, and keeps the link", async () => {
    const admin = await makeUser("admin");
    const reporter = await makeUser("reporter");
    const link = await resetLinkFor(admin, reporter);

    const short = refused(await resetPassword.execute(null, resetInput(link.token, "short")));
    const mismatch = refused(
      await resetPassword.execute(null, {
        token: link.token,
        password: NEW_PASSWORD,
        confirmPassword: `${NEW_PASSWORD}!`,
      }),
    );

    expect(short.fields?.password).toMatch(/at least 12/);
    expect(mismatch.fields?.confirmPassword).toMatch(/do not match/);
    expect(await isResetLinkUsable(link.token)).toBe(true);
  });

  it("a link for an account deactivated since is refused the same way", async () => {
    const admin = await makeUser("admin");
    const reporter = await makeUser("reporter");
    const link = await resetLinkFor(admin, reporter);
    ok(await deactivateUser.execute(admin.claims, { id: reporter.id }));
    expect(refused(await resetPassword.execute(null, resetInput(link.token))).message).toBe(
      INVALID_RESET_LINK,
    );
    const fresh = refused(await createPasswordReset.execute(admin.claims, { id: reporter.id }));
    expect(fresh.message).toMatch(/deactivated/);
  });

  it("only admins create links", async () => {
    const editor = await makeUser("editor");
    const reporter = await makeUser("reporter");
    expect(
      refused(await createPasswordReset.execute(editor.claims, { id: reporter.id })).code,
    ).toBe("forbidden");
    expect(
      refused(await createPasswordReset.execute(reporter.claims, { id: reporter.id })).code,
    ).toBe("forbidden");
    const rows = await (await db())
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.userId, reporter.id));
    expect(rows).toHaveLength(0);
  });

  it("attempts are limited per address, and refused ones count too", async () => {
    const admin = await makeUser("admin");
    const reporter = await makeUser("reporter");
    const link = await resetLinkFor(admin, reporter);
    const ip = `203.0.113.${crypto.randomInt(1, 250)}`;
    const bad = crypto.randomBytes(32).toString("base64url");

    for (let i = 0; i < RESET_LIMITS.perIp.limit; i++) {
      const answer = await attemptPasswordReset.execute(null, { input: resetInput(bad), ip });
      expect(refused(answer).message).toBe(INVALID_RESET_LINK);
    }
    // Over the limit even the right link is refused from this address…
    const blocked = refused(
      await attemptPasswordReset.execute(null, { input: resetInput(link.token), ip }),
    );
    expect(blocked.code).toBe("rate_limited");
    expect(await isResetLinkUsable(link.token)).toBe(true);
    // …while another address is unaffected.
    ok(
      await attemptPasswordReset.execute(null, {
        input: resetInput(link.token),
        ip: "198.51.100.7",
      }),
    );
    const refusedEvents = await (await db())
      .select()
      .from(workflowEvents)
      .where(eq(workflowEvents.action, "password_reset_refused"));
    expect(refusedEvents.length).toBeGreaterThanOrEqual(RESET_LIMITS.perIp.limit);
  });
});

describe("own password and profile", () => {
  it("a password change needs the right current password, then ends every session", async () => {
    const reporter = await makeUser("reporter");
    const database = await db();
    const hashBefore = (await row(reporter)).passwordHash;

    const wrong = refused(
      await changePassword.execute(reporter.claims, {
        currentPassword: "not my password at all",
        newPassword: NEW_PASSWORD,
      }),
    );
    expect(wrong).toMatchObject({
      code: "invalid",
      fields: { currentPassword: expect.any(String) },
    });
    const weak = refused(
      await changePassword.execute(reporter.claims, {
        currentPassword: PASSWORD,
        newPassword: "short",
      }),
    );
    expect(weak.fields?.newPassword).toMatch(/at least 12/);
    expect(await row(reporter)).toMatchObject({ passwordHash: hashBefore, sessionVersion: 1 });
    expect(await eventsAbout(reporter.id, "password_changed")).toHaveLength(0);

    ok(
      await changePassword.execute(reporter.claims, {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      }),
    );

    expect((await row(reporter)).sessionVersion).toBe(2);
    expect(await loadActor(database, reporter.claims)).toBeNull();
    expect(await verifyCredentials(database, reporter.email, PASSWORD)).toBeNull();
    expect(await verifyCredentials(database, reporter.email, NEW_PASSWORD)).not.toBeNull();
    expect((await eventsAbout(reporter.id, "password_changed"))[0]?.actorId).toBe(reporter.id);
  });

  it("anyone on the staff edits their own name and bio, and nothing else", async () => {
    const reporter = await makeUser("reporter");
    const other = await makeUser("reporter");
    const before = await row(reporter);

    const result = ok(
      await updateProfile.execute(reporter.claims, {
        name: "  Rita Q. Reporter  ",
        bio: "Covers the council.\u202E",
      }),
    );

    expect(result).toEqual({ changed: ["name", "bio"] });
    const after = await row(reporter);
    expect(after).toMatchObject({
      name: "Rita Q. Reporter",
      bio: "Covers the council.",
      role: "reporter",
      slug: before.slug,
      sessionVersion: 1,
    });
    const [event] = await eventsAbout(reporter.id, "profile_updated");
    expect(event).toMatchObject({ actorId: reporter.id, detail: { fields: ["name", "bio"] } });

    // Mass assignment: a role, an id or anything else is refused outright.
    for (const extra of [{ role: "admin" }, { id: other.id }, { email: "x@y.example" }]) {
      const answer = await updateProfile.execute(reporter.claims, { name: "X", bio: "", ...extra });
      expect(refused(answer).code).toBe("invalid");
    }
    const empty = refused(await updateProfile.execute(reporter.claims, { name: "   ", bio: "" }));
    expect(empty.fields?.name).toBeDefined();
    expect((await row(reporter)).role).toBe("reporter");
    expect((await row(other)).name).not.toBe("X");
    expect(refused(await updateProfile.execute(null, { name: "Nobody", bio: "" })).code).toBe(
      "unauthenticated",
    );
  });
});

describe("the admin audit view", () => {
  it("is for admins only, newest first, joined with names and headlines, filterable and paged", async () => {
    const admin = await makeUser("admin", "Audit Admin");
    const editor = await makeUser("editor", "Audit Editor");
    const reporter = await makeUser("reporter", "Audit Reporter");
    const adminActor = (await loadActor(await db(), admin.claims))!;
    const editorActor = (await loadActor(await db(), editor.claims))!;
    const headline = `Audit trail story ${crypto.randomUUID().slice(0, 6)}`;
    const story = await writeStory(reporter, headline);
    await advance(story.id, [{ name: "submit", as: reporter }]);
    const link = await resetLinkFor(admin, reporter);
    // Sixty role flips by the admin: more than one page.
    for (let i = 0; i < 30; i++) {
      ok(await changeUserRole.execute(admin.claims, { id: editor.id, role: "reporter" }));
      ok(await changeUserRole.execute(admin.claims, { id: editor.id, role: "editor" }));
    }

    expect(await listAuditEvents(editorActor, {})).toBeNull();
    expect(await auditFilterOptions(editorActor)).toBeNull();

    const options = (await auditFilterOptions(adminActor))!;
    expect(options.actions).toEqual(
      expect.arrayContaining(["user_role_changed", "password_reset_created"]),
    );
    expect(options.staff.map((s) => s.id)).toContain(reporter.id);
    expect(JSON.stringify(options)).not.toMatch(/passwordHash|password_hash/);

    const first = (await listAuditEvents(adminActor, {}))!;
    expect(first.rows).toHaveLength(50);
    const ids = first.rows.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(first.newer).toBeNull();
    expect(first.older).toBe(ids.at(-1));
    expect(first.rows[0]).toMatchObject({
      action: "user_role_changed",
      actorName: "Audit Admin",
      subjectName: "Audit Editor",
    });

    const second = (await listAuditEvents(adminActor, { before: first.older! }))!;
    expect(second.rows[0]!.id).toBeLessThan(ids.at(-1)!);
    expect(second.newer).toBe(second.rows[0]!.id);
    const back = (await listAuditEvents(adminActor, { after: second.newer! }))!;
    expect(back.rows.map((r) => r.id)).toEqual(ids);

    const byAction = (await listAuditEvents(adminActor, { action: "password_reset_created" }))!;
    expect(byAction.rows.every((r) => r.action === "password_reset_created")).toBe(true);
    expect(byAction.rows[0]).toMatchObject({
      actorName: "Audit Admin",
      subjectName: "Audit Reporter",
    });

    const byActor = (await listAuditEvents(adminActor, { actorId: reporter.id }))!;
    expect(byActor.rows.length).toBeGreaterThan(0);
    expect(byActor.rows.every((r) => r.actorId === reporter.id)).toBe(true);

    const byText = (await listAuditEvents(adminActor, { story: headline.slice(0, 20) }))!;
    expect(byText.rows.length).toBeGreaterThan(0);
    expect(byText.rows.every((r) => r.articleId === story.id && r.headline === headline)).toBe(
      true,
    );
    const byId = (await listAuditEvents(adminActor, { story: story.id }))!;
    expect(byId.rows.map((r) => r.id)).toEqual(byText.rows.map((r) => r.id));
    // LIKE wildcards are text, not patterns.
    expect((await listAuditEvents(adminActor, { story: "%" }))!.rows).toHaveLength(0);

    const today = new Date().toISOString().slice(0, 10);
    const todays = (await listAuditEvents(adminActor, { from: today, to: today }))!;
    expect(todays.rows.length).toBe(50);
    const future = (await listAuditEvents(adminActor, { from: "2999-01-01" }))!;
    expect(future.rows).toHaveLength(0);

    // Never a hash or a token in what the view returns.
    const everything = JSON.stringify([first, second, byAction]);
    expect(everything).not.toContain(link.token);
    expect(everything).not.toContain(sha256(link.token));
    expect(everything).not.toMatch(/tokenHash|passwordHash|\$argon2/);
  });

  it("reads filters from the URL leniently, naming what it ignored", () => {
    const id = crypto.randomUUID();
    expect(
      parseAuditFilters({
        action: "user_role_changed",
        actor: id,
        from: "2026-01-31",
        before: "42",
      }),
    ).toEqual({
      filters: { action: "user_role_changed", actorId: id, from: "2026-01-31", before: 42 },
      problems: [],
    });
    const bad = parseAuditFilters({
      actor: "1 or 1=1",
      from: "2026-02-31",
      before: "-1",
      story: "  ",
    });
    expect(bad.filters).toEqual({});
    expect(bad.problems).toHaveLength(3);
  });
});
