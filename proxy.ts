import { type NextRequest, NextResponse } from "next/server";
import { dropUntrustedAddressHeaders } from "./server/http/forwarded-for";
import {
  answeredByRouteHandler,
  commonSecurityHeaders,
  newNonce,
  staffCsp,
} from "./server/http/security-headers";
import {
  databaseReachable,
  isPageRequest,
  STAFF_RETRY_S,
  staffUnavailablePage,
} from "./server/http/staff-unavailable";

/**
 * Security headers, the client's address, and a 503 for staff pages while the database is
 * unreachable. This is not an access-control boundary (THREATS.md row 9): every page, action
 * and route handler checks the session itself, so a request that skips Proxy (a matcher gap,
 * `x-middleware-subrequest`) gains nothing.
 *
 * Page-cache hits never reach Proxy: scripts/serve.mjs answers them before Next, adding the
 * same `commonSecurityHeaders` itself (server/cache/hits.ts; e2e/headers-csp.spec.ts checks
 * that a hit's headers equal Next's). A header added here to route handlers' responses must
 * be added there too; what Proxy does to the request only matters to a render, not a hit.
 */
export async function proxy(request: NextRequest) {
  const env = { SITE_URL: process.env.SITE_URL, TRUST_PROXY: process.env.TRUST_PROXY };
  // Without a trusted proxy in front, the client's own X-Forwarded-For is dropped, so that
  // Next fills in the socket's address and rate limits key on the real peer.
  const requestHeaders = dropUntrustedAddressHeaders(request.headers, env);
  let response: NextResponse;
  if (answeredByRouteHandler(request.nextUrl.pathname)) {
    // The handler's own policy must reach the browser: a header set here would replace it.
    response = requestHeaders
      ? NextResponse.next({ request: { headers: requestHeaders } })
      : NextResponse.next();
  } else {
    const nonce = newNonce();
    const csp = staffCsp(nonce);
    if (isPageRequest(request.method, request.headers) && !(await databaseReachable())) {
      response = new NextResponse(staffUnavailablePage(nonce), {
        status: 503,
        headers: {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-store",
          "retry-after": String(STAFF_RETRY_S),
        },
      });
    } else {
      const forwarded = requestHeaders ?? new Headers(request.headers);
      // Next finds the nonce for its own scripts in the request's policy header.
      forwarded.set("content-security-policy", csp);
      response = NextResponse.next({ request: { headers: forwarded } });
    }
    response.headers.set("content-security-policy", csp);
  }
  for (const [name, value] of Object.entries(commonSecurityHeaders(request.headers, env))) {
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  matcher: [
    // Hashed build assets need none of this; everything else, route handlers included, passes.
    "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
    // A server action can be posted to any path, those above included: it still passes here,
    // so that its X-Forwarded-For is the real one.
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
  ],
};
