import NextAuth from "next-auth";
import { SIGN_IN_ERRORS } from "@/lib/auth/sign-in-errors";
import { authOptions } from "@/server/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  const res: Response = await NextAuth(
    req as never,
    { params: await ctx.params } as never,
    authOptions(),
  );
  return blockedAs429(res);
}

/**
 * next-auth answers every refused sign-in with 401; a rate-limit block is told apart as 429
 * (the same for every email, existing or not), with the same body and cookies.
 */
async function blockedAs429(res: Response): Promise<Response> {
  if (res.status !== 401 || !res.headers.get("content-type")?.includes("json")) return res;
  const body = await res.clone().text();
  if (!body.includes(`error=${SIGN_IN_ERRORS.blocked}`)) return res;
  return new Response(body, { status: 429, headers: res.headers });
}

export { handler as GET, handler as POST };
