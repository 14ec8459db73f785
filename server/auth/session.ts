import "server-only";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { cache } from "react";
import { config } from "../config";
import { db } from "../db";
import { retryOnBrokenConnection } from "../http/database-errors";
import type { Actor } from "../policy";
import { loadActor, type SessionClaims } from "./actor";
import { sessionCookieName } from "./options";
import { checkSession } from "./sessions";

/** The claims a decoded session token carries, or null when it has the wrong shape. */
export function claimsFromToken(token: Record<string, unknown> | null): SessionClaims | null {
  if (!token || typeof token.uid !== "string" || typeof token.sv !== "number") return null;
  return {
    userId: token.uid,
    sessionVersion: token.sv,
    sessionId: typeof token.sid === "string" ? token.sid : undefined,
    authTime: typeof token.authTime === "number" ? token.authTime : undefined,
  };
}

/**
 * What this request's session cookie claims, if its server-side session is still open
 * (not signed out, not idle too long, not past the absolute limit). The user row itself is
 * checked by loadActor.
 */
export const currentClaims = cache(async (): Promise<SessionClaims | null> => {
  const cfg = config();
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return null;
  let token: Record<string, unknown> | null = null;
  try {
    token = (await decode({ token: raw, secret: cfg.authSecret })) as Record<
      string,
      unknown
    > | null;
  } catch {
    return null;
  }
  const claims = claimsFromToken(token);
  if (!claims) return null;
  // The first query of every staff request: after a database restart it may meet a dead
  // connection, so it is tried once more (reading the session, at most re-touching it).
  const open = await retryOnBrokenConnection(async () =>
    checkSession(await db(), claims, cfg.session),
  );
  return open ? claims : null;
});

/** The signed-in, still-active actor for this request, or null. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const claims = await currentClaims();
  return retryOnBrokenConnection(async () => loadActor(await db(), claims));
});
