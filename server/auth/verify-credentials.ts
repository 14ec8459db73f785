import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { recordEvent } from "../audit";
import { hashPassword, needsRehash, verifyPassword } from "./password";
import { PASSWORD_MAX } from "./password-policy";

export type SignedIn = { id: string; name: string; email: string; sessionVersion: number };

/**
 * Checks an email and password. Every failure looks the same to the caller (null), and an
 * unknown email still costs one argon2 verification, so neither message nor timing tells
 * whether an account exists. A hash made with older parameters is upgraded on success.
 */
export async function verifyCredentials(
  database: Database,
  emailInput: unknown,
  passwordInput: unknown,
): Promise<SignedIn | null> {
  const email = typeof emailInput === "string" ? emailInput.trim().toLowerCase().slice(0, 254) : "";
  // Longer than any password we accept (PASSWORD_MAX characters, up to 4 UTF-16 units each):
  // verified as empty, so it still costs one argon2 run and fails.
  const password =
    typeof passwordInput === "string" && passwordInput.length <= PASSWORD_MAX * 4
      ? passwordInput
      : "";
  const [user] = email
    ? await database.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1)
    : [];
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || !user.active) {
    await recordEvent(database, {
      actorId: null,
      action: "sign_in_failed",
      detail: { reason: "invalid" },
    });
    return null;
  }
  if (needsRehash(user.passwordHash)) {
    await database
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, user.id));
  }
  return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion };
}
