import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { SIGN_IN_ERRORS } from "@/lib/auth/sign-in-errors";
import { config } from "../config";
import { db } from "../db";
import { requestIp } from "../http/request-ip";
import { attemptSignIn } from "./attempt-sign-in";
import { signInLimiter } from "./sign-in-limits";

/** Absolute session lifetime; the database check in loadActor is what really ends sessions. */
const SESSION_MAX_AGE_S = 12 * 60 * 60;

let cached: NextAuthOptions | null = null;

/**
 * next-auth with email + password. The JWT carries only the user id, the session version and
 * when the user signed in; every request re-reads the user row (server/auth/actor.ts).
 */
export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const cfg = config();
  cached = {
    secret: cfg.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { label: "Email" }, password: { label: "Password" } },
        async authorize(credentials) {
          const outcome = await attemptSignIn(await db(), await signInLimiter(), {
            email: credentials?.email,
            password: credentials?.password,
            ip: await requestIp(),
          });
          if (!outcome.ok) {
            // next-auth turns a thrown message into `error=`; the route answers it with 429.
            if (outcome.reason === "blocked") throw new Error(SIGN_IN_ERRORS.blocked);
            return null;
          }
          const { user } = outcome;
          return { id: user.id, name: user.name, email: user.email, sv: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = (user as { sv?: number }).sv ?? 0;
          token.authTime = Math.floor(Date.now() / 1000);
        }
        return token;
      },
      session({ session, token }) {
        return {
          expires: session.expires,
          user: { name: session.user?.name ?? "" },
          uid: typeof token.uid === "string" ? token.uid : "",
          sv: typeof token.sv === "number" ? token.sv : 0,
        };
      },
      redirect({ url, baseUrl }) {
        // Only same-origin paths: "//evil.com", "/\\evil.com" and absolute URLs elsewhere are refused.
        if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) {
          return `${baseUrl}${url}`;
        }
        try {
          if (new URL(url).origin === baseUrl) return url;
        } catch {
          // not a URL
        }
        return `${baseUrl}/newsroom`;
      },
    },
  };
  return cached;
}
