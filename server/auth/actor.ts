import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { settings, users } from "@/db/schema";
import type { Actor } from "../policy";
import { TWO_FACTOR_REQUIRED_KEY } from "./two-factor-setting";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a session cookie claims. The database decides whether the claim still holds. */
export type SessionClaims = {
  userId: string;
  sessionVersion: number;
  /** The server-side session (server/auth/sessions.ts) and when it was authenticated (s). */
  sessionId?: string;
  authTime?: number;
};

/**
 * Re-reads the user on every use: a deactivated user, or one whose role or password changed
 * since the cookie was issued (session_version bumped), is nobody from the next request on.
 */
export async function loadActor(ex: Executor, claims: SessionClaims | null): Promise<Actor | null> {
  if (!claims || !UUID.test(claims.userId)) return null;
  const [row] = await ex
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      active: users.active,
      sessionVersion: users.sessionVersion,
      totpEnabledAt: users.totpEnabledAt,
      twoFactorRequired: sql<boolean>`exists (select 1 from ${settings} where ${settings.key} = ${TWO_FACTOR_REQUIRED_KEY} and ${settings.value} = 'true')`,
    })
    .from(users)
    .where(eq(users.id, claims.userId))
    .limit(1);
  if (!row?.active || row.sessionVersion !== claims.sessionVersion) return null;
  const actor: Actor = { id: row.id, role: row.role, name: row.name, email: row.email };
  // Until they set it up, such a user may only enrol (server/command.ts, newsroom layout).
  if (row.twoFactorRequired && !row.totpEnabledAt) actor.twoFactorPending = true;
  return actor;
}
