import { type NextRequest, NextResponse } from "next/server";
import {
  answeredByRouteHandler,
  commonSecurityHeaders,
  newNonce,
  staffCsp,
} from "./server/http/security-headers";

/**
 * Security headers only. This is not an access-control boundary (THREATS.md row 9): every
 * page, action and route handler checks the session itself, so a request that skips Proxy
 * (a matcher gap, `x-middleware-subrequest`) gains nothing.
 */
export function proxy(request: NextRequest) {
  let response: NextResponse;
  if (answeredByRouteHandler(request.nextUrl.pathname)) {
    // The handler's own policy must reach the browser: a header set here would replace it.
    response = NextResponse.next();
  } else {
    const csp = staffCsp(newNonce());
    const requestHeaders = new Headers(request.headers);
    // Next finds the nonce for its own scripts in the request's policy header.
    requestHeaders.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
    response.headers.set("content-security-policy", csp);
  }
  for (const [name, value] of Object.entries(
    commonSecurityHeaders(request.headers, {
      SITE_URL: process.env.SITE_URL,
      TRUST_PROXY: process.env.TRUST_PROXY,
    }),
  )) {
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  // Hashed build assets need none of this; everything else, route handlers included, passes.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
