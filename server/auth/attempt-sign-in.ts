import "server-only";
import type { Database } from "@/db/client";
import { log } from "../log";
import type { SignInLimiter } from "./sign-in-limits";
import { type SignedIn, verifyCredentials } from "./verify-credentials";

export type SignInAttempt = { email: unknown; password: unknown; ip: string };

export type SignInOutcome =
  | { ok: true; user: SignedIn }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "blocked"; retryAfterSeconds: number };

/**
 * One sign-in attempt, limited before anything is looked up: the attempt takes its point
 * first, so a blocked attempt costs no argon2 run and is answered the same whether or not the
 * account exists. A correct password clears the account's failures.
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
  await limiter.succeeded(email.slice(0, 254), attempt.ip);
  return { ok: true, user };
}
