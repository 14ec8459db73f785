import "server-only";
import crypto from "node:crypto";
import { and, eq, lte, or } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { sessions } from "@/db/schema";
import type { SessionClaims } from "./actor";

export type SessionTimeouts = { idleSeconds: number; maxSeconds: number };

/** Last-seen is written at most this often, so reading pages does not mean a write each time. */
const TOUCH_EVERY_MS = 60_000;

const hashId = (id: string) => crypto.createHash("sha256").update(id).digest("base64url");

/**
 * A new server-side session for a fresh sign-in. The id travels inside the (encrypted) JWT
 * cookie; only its hash is stored. Every sign-in gets a new id, so a cookie planted before
 * sign-in is never the one that ends up signed in.
 */
export async function startSession(
  ex: Executor,
  userId: string,
  timeouts: SessionTimeouts,
  now = new Date(),
) {
  // Housekeeping: this user's sessions that can no longer be used.
  await ex
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        or(
          lte(sessions.authenticatedAt, new Date(now.getTime() - timeouts.maxSeconds * 1000)),
          lte(sessions.lastSeenAt, new Date(now.getTime() - timeouts.idleSeconds * 1000)),
        ),
      ),
    );
  const id = crypto.randomBytes(32).toString("base64url");
  await ex.insert(sessions).values({
    idHash: hashId(id),
    userId,
    authenticatedAt: now,
    lastSeenAt: now,
  });
  return id;
}

/**
 * Whether the session a cookie names is still open: it exists (not signed out), belongs to
 * the user the cookie names, was authenticated less than the absolute limit ago (checked
 * against the token's own `authTime` too) and was used less than the idle limit ago. An
 * expired session is deleted. The clock is the app's (`Date.now()`), as for the token.
 */
export async function checkSession(
  ex: Executor,
  claims: SessionClaims,
  timeouts: SessionTimeouts,
): Promise<boolean> {
  if (!claims.sessionId || typeof claims.authTime !== "number") return false;
  const now = Date.now();
  if (now - claims.authTime * 1000 >= timeouts.maxSeconds * 1000) return false;
  const idHash = hashId(claims.sessionId);
  const [row] = await ex.select().from(sessions).where(eq(sessions.idHash, idHash)).limit(1);
  if (!row || row.userId !== claims.userId) return false;
  const expired =
    now - row.authenticatedAt.getTime() >= timeouts.maxSeconds * 1000 ||
    now - row.lastSeenAt.getTime() >= timeouts.idleSeconds * 1000;
  if (expired) {
    await ex.delete(sessions).where(eq(sessions.idHash, idHash));
    return false;
  }
  if (now - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await ex
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.idHash, idHash));
  }
  return true;
}

/** Sign-out: the cookie's session is gone, so a copy of the cookie is worthless. */
export async function endSession(ex: Executor, sessionId: string): Promise<void> {
  await ex.delete(sessions).where(eq(sessions.idHash, hashId(sessionId)));
}

/** "Sign out everywhere": every session of the user ends; returns how many there were. */
export async function endAllSessions(ex: Executor, userId: string): Promise<number> {
  const ended = await ex
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ idHash: sessions.idHash });
  return ended.length;
}
