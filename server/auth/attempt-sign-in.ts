import "server-only";
import type { Database } from "@/db/client";
import { log } from "../log";
import type { SignInLimiter } from "./sign-in-limits";
import { checkSecondFactor, hasTwoFactor, normaliseCode } from "./two-factor";
import { type SignedIn, verifyCredentials } from "./verify-credentials";

export type SignInAttempt = { email: unknown; password: unknown; code?: unknown; ip: string };

export type SignInOutcome =
  | { ok: true; user: SignedIn }
  | { ok: false; reason: "invalid" | "code_required" | "code_invalid" }
  | { ok: false; reason: "blocked"; retryAfterSeconds: number };

/**
 * One sign-in attempt, limited before anything is looked up: the attempt takes its point
 * first, so a blocked attempt costs no argon2 run and is answered the same whether or not the
 * account exists. A correct password clears the account's failures — with two-factor, only
 * once the code is right too. Codes have their own, tighter limit per user.
 */
export async function attemptSignIn(
  database: Database,
  limiter: SignInLimiter,
  attempt: SignInAttempt,
): Promise<SignInOutcome> {
  const email = typeof attempt.email === "string" ? attempt.email.trim().toLowerCase() : "";
  const reservation = await limiter.reserve(email.slice(0, 254), attempt.ip);
  if (!reservation.allowed) {
    // Logged, not audited: a flood of blocked attempts must not become a flood of writes.
    log.warn({ event: "sign_in_blocked" }, "sign-in attempt refused by the rate limit");
    return { ok: false, reason: "blocked", retryAfterSeconds: reservation.retryAfterSeconds };
  }
  const user = await verifyCredentials(database, attempt.email, attempt.password);
  if (!user) return { ok: false, reason: "invalid" };
  if (await hasTwoFactor(database, user.id)) {
    // Only someone who knows the password learns that a code is needed.
    if (!normaliseCode(attempt.code)) return { ok: false, reason: "code_required" };
    const codeReservation = await limiter.reserveCode(user.id);
    if (!codeReservation.allowed) {
      return { ok: false, reason: "blocked", retryAfterSeconds: codeReservation.retryAfterSeconds };
    }
    if (!(await checkSecondFactor(database, user.id, attempt.code))) {
      return { ok: false, reason: "code_invalid" };
    }
    await limiter.codeSucceeded(user.id);
  }
  await limiter.succeeded(email.slice(0, 254), attempt.ip);
  return { ok: true, user };
}
