import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { db } from "../db";
import type { Actor } from "../policy";
import { loadActor, type SessionClaims } from "./actor";
import { authOptions } from "./options";

/** What this request's session cookie claims (not yet checked against the database). */
export const currentClaims = cache(async (): Promise<SessionClaims | null> => {
  const session = (await getServerSession(authOptions())) as { uid?: string; sv?: number } | null;
  if (!session?.uid || typeof session.sv !== "number") return null;
  return { userId: session.uid, sessionVersion: session.sv };
});

/** The signed-in, still-active actor for this request, or null. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  return loadActor(await db(), await currentClaims());
});
