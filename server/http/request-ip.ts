import "server-only";
import { headers } from "next/headers";
import { config } from "../config";

/**
 * The client's address as well as we can know it, for rate-limit keys only. Next fills
 * X-Forwarded-For from the socket only when the request has none, so without a trusted proxy
 * a client can choose this value: callers must also keep an overall limit.
 * Behind a proxy (TRUST_PROXY=1) the last hop is the address the proxy saw.
 */
export async function requestIp(): Promise<string> {
  const bag = await headers();
  const forwarded = (bag.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = config().trustProxy ? forwarded.at(-1) : forwarded[0];
  return (ip ?? bag.get("x-real-ip") ?? "unknown").slice(0, 64);
}
