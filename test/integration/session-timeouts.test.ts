import { eq } from "drizzle-orm";
import { decode, encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sessions } from "@/db/schema";
import type { SessionClaims } from "@/server/auth/actor";
import { sessionCookieName } from "@/server/auth/options";
import { claimsFromToken } from "@/server/auth/session";
import { checkSession, endAllSessions, endSession, startSession } from "@/server/auth/sessions";
import { parseConfig } from "@/server/config";
import { db } from "@/server/db";
import { makeUser } from "../support/fixtures";

/**
 * THREATS 27 and 29: a session is a server-side row named by the cookie. It ends when it has
 * been idle too long (2 h here) or was authenticated too long ago (12 h), whatever the cookie
 * says; sign-out and "sign out everywhere" delete it, so a copied cookie is dead.
 */

const TIMEOUTS = { idleSeconds: 2 * 3600, maxSeconds: 12 * 3600 };
const T0 = new Date("2030-03-01T08:00:00Z");
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

async function signIn(userId: string): Promise<SessionClaims> {
  const sessionId = await startSession(await db(), userId, TIMEOUTS, new Date());
  return { userId, sessionVersion: 1, sessionId, authTime: Math.floor(Date.now() / 1000) };
}

const open = async (claims: SessionClaims) => checkSession(await db(), claims, TIMEOUTS);

describe("session timeouts", () => {
  it("ends a session idle for 2 hours, and deletes it", async () => {
    const user = await makeUser("reporter");
    const claims = await signIn(user.id);
    vi.setSystemTime(minutes(119));
    expect(await open(claims)).toBe(true);
    vi.setSystemTime(minutes(119 + 119));
    expect(await open(claims)).toBe(true);
    vi.setSystemTime(minutes(119 + 119 + 120));
    expect(await open(claims)).toBe(false);
    const rows = await (await db()).select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(0);
    // Going back in time does not revive it.
    vi.setSystemTime(minutes(120 * 2));
    expect(await open(claims)).toBe(false);
  });

  it("ends a session 12 hours after sign-in even when it is used all the time", async () => {
    const user = await makeUser("reporter");
    const claims = await signIn(user.id);
    for (let m = 30; m < 12 * 60; m += 30) {
      vi.setSystemTime(minutes(m));
      expect(await open(claims), `at ${m} minutes`).toBe(true);
    }
    vi.setSystemTime(minutes(12 * 60));
    expect(await open(claims)).toBe(false);
  });

  it("checks the token's own authTime against the absolute limit too", async () => {
    const user = await makeUser("reporter");
    const claims = await signIn(user.id);
    const old = { ...claims, authTime: claims.authTime! - 12 * 3600 };
    expect(await open(old)).toBe(false);
    expect(await open(claims)).toBe(true);
  });

  it("refuses tokens without a session, with an unknown session, or another user's session", async () => {
    const a = await makeUser("reporter");
    const b = await makeUser("editor");
    const claimsA = await signIn(a.id);
    expect(await open({ ...claimsA, sessionId: undefined })).toBe(false);
    expect(await open({ ...claimsA, sessionId: "x".repeat(43) })).toBe(false);
    expect(await open({ ...claimsA, authTime: undefined })).toBe(false);
    expect(await open({ ...claimsA, userId: b.id })).toBe(false);
    expect(await open(claimsA)).toBe(true);
  });

  it("takes the idle and absolute limits from SESSION_IDLE_MINUTES and SESSION_MAX_HOURS (2 h and 12 h by default)", () => {
    expect(parseConfig({} as unknown as NodeJS.ProcessEnv).session).toEqual({
      idleSeconds: 7200,
      maxSeconds: 43_200,
    });
    expect(
      parseConfig({
        SESSION_IDLE_MINUTES: "30",
        SESSION_MAX_HOURS: "8",
      } as unknown as NodeJS.ProcessEnv).session,
    ).toEqual({
      idleSeconds: 1800,
      maxSeconds: 28_800,
    });
    expect(() =>
      parseConfig({ SESSION_IDLE_MINUTES: "0" } as unknown as NodeJS.ProcessEnv),
    ).toThrow(/SESSION_IDLE_MINUTES/);
  });
});

describe("sign-out", () => {
  it("kills the signed-out session only; a copy of its cookie no longer works", async () => {
    const user = await makeUser("editor");
    const laptop = await signIn(user.id);
    const phone = await signIn(user.id);
    expect(laptop.sessionId).not.toBe(phone.sessionId);
    await endSession(await db(), laptop.sessionId!);
    expect(await open(laptop)).toBe(false);
    expect(await open(phone)).toBe(true);
  });

  it("'sign out everywhere' ends every session of that user and nobody else's", async () => {
    const user = await makeUser("editor");
    const other = await makeUser("editor");
    const one = await signIn(user.id);
    const two = await signIn(user.id);
    const theirs = await signIn(other.id);
    expect(await endAllSessions(await db(), user.id)).toBe(2);
    expect(await open(one)).toBe(false);
    expect(await open(two)).toBe(false);
    expect(await open(theirs)).toBe(true);
  });

  it("a fresh sign-in always gets a fresh session id (a planted id is never adopted)", async () => {
    const user = await makeUser("reporter");
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await signIn(user.id)).sessionId!);
    expect(ids.size).toBe(5);
  });
});

describe("session token", () => {
  it("is read from a __Secure- prefixed cookie when the site is served over HTTPS", () => {
    expect(sessionCookieName("https://news.example.com")).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName("http://127.0.0.1:3000")).toBe("next-auth.session-token");
  });

  it("round-trips the claims through next-auth's encrypted JWT, and refuses a token of the wrong shape or secret", async () => {
    const secret = "test-secret-test-secret-test-secret-0123";
    const token = await encode({
      secret,
      token: { uid: "u-1", sv: 3, sid: "s-1", authTime: 1_900_000_000 },
    });
    expect(claimsFromToken((await decode({ token, secret })) as Record<string, unknown>)).toEqual({
      userId: "u-1",
      sessionVersion: 3,
      sessionId: "s-1",
      authTime: 1_900_000_000,
    });
    expect(claimsFromToken({ uid: 1, sv: 3 })).toBeNull();
    expect(claimsFromToken(null)).toBeNull();
    await expect(decode({ token, secret: `${secret}-other` })).rejects.toThrow();
  });
});
