import "server-only";
import { config } from "../config";

type HeaderBag = { get(name: string): string | null };

/**
 * A state-changing request must prove it came from our own pages: an Origin equal to the
 * site's (or to the Host it was sent to), or, when a browser omits Origin, Sec-Fetch-Site
 * "same-origin". Next lets a request with no Origin through with a warning; we do not.
 * Forwarded-host headers count only when TRUST_PROXY says a proxy sets them.
 */
export function isSameOrigin(headers: HeaderBag): boolean {
  const cfg = config();
  const origin = headers.get("origin");
  if (origin && origin !== "null") {
    const allowed = new Set([new URL(cfg.siteUrl).origin]);
    const host = (cfg.trustProxy && headers.get("x-forwarded-host")) || headers.get("host");
    if (host) {
      const proto =
        (cfg.trustProxy && headers.get("x-forwarded-proto")) ||
        new URL(cfg.siteUrl).protocol.replace(":", "");
      allowed.add(`${proto}://${host}`);
      allowed.add(`http://${host}`);
    }
    return allowed.has(origin);
  }
  return headers.get("sec-fetch-site") === "same-origin";
}
