import crypto from "node:crypto";
import argon2 from "argon2";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { ARGON2_PARAMS } from "@/server/auth/password";
import { isCommonPassword } from "@/server/auth/password-policy";
import { verifyCredentials } from "@/server/auth/verify-credentials";
import { db } from "@/server/db";
import type { Result } from "@/server/errors";
import { changePassword } from "@/server/users/commands/change-password";
import { createPasswordReset } from "@/server/users/commands/create-password-reset";
import { createUser } from "@/server/users/commands/create-user";
import { resetPassword } from "@/server/users/commands/reset-password";
import { makeUser, ok, type TestUser } from "../support/fixtures";

/**
 * THREATS 25: long and Unicode passwords work exactly as typed (NFC-normalised, nothing
 * else), a maximum with a clear message, and the common-password list refuses weak choices
 * wherever a password is set: new staff, reset link, change.
 */

const PASSWORD = "correct horse battery"; // what makeUser sets
let admin: TestUser;

beforeAll(async () => {
  admin = await makeUser("admin");
});

function refused<T>(result: Result<T>) {
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}

const newStaff = (password: string) => ({
  name: "Long Password",
  email: `${crypto.randomUUID().slice(0, 8)}@test.example`,
  role: "reporter" as const,
  password,
});

async function hashOf(id: string) {
  const [row] = await (await db()).select().from(users).where(eq(users.id, id));
  return row!.passwordHash;
}

describe("password length and Unicode", () => {
  it.each([
    ["64 ASCII characters", "a-long-passphrase-".repeat(4).slice(0, 64)],
    ["200 characters with spaces at both ends", `  ${"several words typed out ".repeat(8)}  `],
    ["64 emoji (128 UTF-16 units)", "🔐".repeat(64)],
    ["Greek, Cyrillic and CJK", "πάσσγουορντ пароль 密码 パスワード"],
    ["1,024 characters (the maximum)", `${"z".repeat(1023)}!`],
  ])("accepts %s and signs in with exactly that password", async (_, password) => {
    const input = newStaff(password);
    const { id } = ok(await createUser.execute(admin.claims, input));
    expect((await verifyCredentials(await db(), input.email, password))?.id).toBe(id);
    // Exact: no trimming and no truncation.
    expect(
      await verifyCredentials(await db(), input.email, password.trim().slice(0, -1)),
    ).toBeNull();
    expect(await verifyCredentials(await db(), input.email, `${password}x`)).toBeNull();
  });

  it("treats composed and decomposed forms (NFC/NFD) as the same password, and nothing looser", async () => {
    const composed = "caf\u00e9 au lait, s'il vous pla\u00eet";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    const input = newStaff(decomposed);
    const { id } = ok(await createUser.execute(admin.claims, input));
    expect((await verifyCredentials(await db(), input.email, composed))?.id).toBe(id);
    expect((await verifyCredentials(await db(), input.email, decomposed))?.id).toBe(id);
    expect(await verifyCredentials(await db(), input.email, composed.toUpperCase())).toBeNull();
    // Compatibility forms are different characters (NFKC is not applied).
    expect(
      await verifyCredentials(await db(), input.email, composed.replace("a", "\uff41")),
    ).toBeNull();
  });

  it("still verifies a hash made from non-NFC bytes before normalisation was introduced", async () => {
    const user = await makeUser("reporter");
    const typed = "ne\u0301e ancienne phrase de passe"; // NFD "é"
    await (await db())
      .update(users)
      .set({ passwordHash: await argon2.hash(typed, ARGON2_PARAMS) })
      .where(eq(users.id, user.id));
    expect((await verifyCredentials(await db(), user.email, typed))?.id).toBe(user.id);
  });

  it("refuses 1,025 characters, and 11, with a clear message and no user created", async () => {
    for (const [password, message] of [
      ["z".repeat(1025), "Passwords are at most 1024 characters."],
      ["🔐".repeat(1025), "Passwords are at most 1024 characters."],
      ["x".repeat(100_000), "Passwords are at most 1024 characters."],
      ["eleven char", "Passwords are at least 12 characters."],
      ["🔐".repeat(11), "Passwords are at least 12 characters."],
    ] as const) {
      const input = newStaff(password);
      const error = refused(await createUser.execute(admin.claims, input));
      expect(error.fields?.password).toBe(message);
      expect(await verifyCredentials(await db(), input.email, password)).toBeNull();
    }
  });

  it("never lets a 1,025-character attempt sign in, even for a stored password it begins with", async () => {
    const password = "y".repeat(1024);
    const input = newStaff(password);
    ok(await createUser.execute(admin.claims, input));
    expect(await verifyCredentials(await db(), input.email, `${password}y`)).toBeNull();
  });
});

describe("common passwords", () => {
  it("ships the list: well-known passwords are on it, case-insensitively; a passphrase is not", () => {
    for (const common of ["password1234", "qwertyuiop123", "1qaz2wsx3edc", "PASSWORD1234"]) {
      expect(isCommonPassword(common)).toBe(true);
    }
    expect(isCommonPassword(PASSWORD)).toBe(false);
  });

  const COMMON_MESSAGE = "This password is one of the most common passwords. Choose another.";

  it("refuses a common password for new staff", async () => {
    const error = refused(await createUser.execute(admin.claims, newStaff("qwertyuiop123")));
    expect(error.fields?.password).toBe(COMMON_MESSAGE);
  });

  it("refuses a common password on change, keeping the old one", async () => {
    const user = await makeUser("reporter");
    const before = await hashOf(user.id);
    const error = refused(
      await changePassword.execute(user.claims, {
        currentPassword: PASSWORD,
        newPassword: "1qaz2wsx3edc",
      }),
    );
    expect(error.fields?.newPassword).toBe(COMMON_MESSAGE);
    expect(await hashOf(user.id)).toBe(before);
  });

  it("refuses a common password through a reset link, and the link stays usable", async () => {
    const user = await makeUser("editor");
    const link = ok(await createPasswordReset.execute(admin.claims, { id: user.id })) as {
      token: string;
    };
    const error = refused(
      await resetPassword.execute(null, {
        token: link.token,
        password: "password1234",
        confirmPassword: "password1234",
      }),
    );
    expect(error.fields?.password).toBe(COMMON_MESSAGE);
    const fine = "a far less common passphrase";
    ok(
      await resetPassword.execute(null, {
        token: link.token,
        password: fine,
        confirmPassword: fine,
      }),
    );
    expect((await verifyCredentials(await db(), user.email, fine))?.id).toBe(user.id);
  });
});
