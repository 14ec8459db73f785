import "server-only";
import { headers } from "next/headers";
import type { SessionClaims } from "./auth/actor";
import { currentActor, currentClaims } from "./auth/session";
import type { Result } from "./errors";
import { isSameOrigin } from "./http/origin";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "./http/unavailable";
import type { Actor } from "./policy";

type Executable<T> = { execute(claims: SessionClaims | null, raw: unknown): Promise<Result<T>> };

/**
 * The body of every server action: refuse cross-site requests, then run the command as
 * the session's user (re-read from the database by the command wrapper).
 */
export async function runAction<T>(command: Executable<T>, input: unknown): Promise<Result<T>> {
  if (!isSameOrigin(await headers())) {
    return {
      ok: false,
      error: { code: "forbidden", message: "This request did not come from this site." },
    };
  }
  let claims: SessionClaims | null;
  try {
    // Reads the session row: the database may be unreachable before the command runs.
    claims = await currentClaims();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return unavailable();
  }
  return command.execute(claims, input);
}

function unavailable(): { ok: false; error: { code: "unavailable"; message: string } } {
  return { ok: false, error: { code: "unavailable", message: UNAVAILABLE_MESSAGE } };
}

/**
 * A read exposed as a server action: signed-in staff only, scoped by the query itself.
 * Absent or hidden rows come back as the same not_found as a missing one.
 */
export async function runQuery<T>(query: (actor: Actor) => Promise<T | null>): Promise<Result<T>> {
  try {
    const actor = await currentActor();
    if (!actor)
      return { ok: false, error: { code: "unauthenticated", message: "Please sign in again." } };
    if (actor.twoFactorPending) {
      return {
        ok: false,
        error: { code: "forbidden", message: "Set up two-factor authentication first." },
      };
    }
    const data = await query(actor);
    if (data === null) return { ok: false, error: { code: "not_found", message: "Not found." } };
    return { ok: true, data };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return unavailable();
  }
}
