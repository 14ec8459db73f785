import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { SIGN_IN_ERRORS } from "@/lib/auth/sign-in-errors";
import { safeCallbackUrl } from "@/lib/safe-path";
import { config } from "../config";
import { db } from "../db";
import { requestIp } from "../http/request-ip";
import { attemptSignIn } from "./attempt-sign-in";
import { endSession, startSession } from "./sessions";
import { signInLimiter } from "./sign-in-limits";

let cached: NextAuthOptions | null = null;

/** Over HTTPS the cookie is `__Secure-` prefixed and Secure (next-auth's own naming). */
function secureCookies(siteUrl = config().siteUrl): boolean {
  return siteUrl.startsWith("https:");
}

export function sessionCookieName(siteUrl = config().siteUrl): string {
  return `${secureCookies(siteUrl) ? "__Secure-" : ""}next-auth.session-token`;
}

/**
 * next-auth with email + password (and a code when the user has two-factor). The JWT carries
 * the user id, the session version, a server-side session id and when the user signed in;
 * every request checks the session (sessions.ts) and re-reads the user row (actor.ts).
 */
export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const cfg = config();
  cached = {
    secret: cfg.authSecret,
    // The cookie's lifetime is the absolute limit; the server-side session (sessions.ts)
    // enforces both limits whatever the cookie says.
    session: { strategy: "jwt", maxAge: cfg.session.maxSeconds },
    useSecureCookies: secureCookies(),
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: {
          email: { label: "Email" },
          password: { label: "Password" },
          code: { label: "Authentication code" },
        },
        async authorize(credentials) {
          const outcome = await attemptSignIn(await db(), await signInLimiter(), {
            email: credentials?.email,
            password: credentials?.password,
            code: credentials?.code,
            ip: await requestIp(),
          });
          if (!outcome.ok) {
            // next-auth turns a thrown message into `error=`; the route answers it with 429.
            if (outcome.reason === "blocked") throw new Error(SIGN_IN_ERRORS.blocked);
            if (outcome.reason === "code_required") throw new Error(SIGN_IN_ERRORS.codeRequired);
            if (outcome.reason === "code_invalid") throw new Error(SIGN_IN_ERRORS.codeInvalid);
            return null;
          }
          const { user } = outcome;
          return { id: user.id, name: user.name, email: user.email, sv: user.sessionVersion };
        },
      }),
    ],
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(await db(), token.sid);
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const now = new Date();
          token.uid = user.id;
          token.sv = (user as { sv?: number }).sv ?? 0;
          token.authTime = Math.floor(now.getTime() / 1000);
          token.sid = await startSession(await db(), user.id, cfg.session, now);
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
        return safeCallbackUrl(url, baseUrl);
      },
    },
  };
  return cached;
}
