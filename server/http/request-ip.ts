import "server-only";
import { headers } from "next/headers";
import { clientAddress } from "./client-address";

/**
 * The client's address for this request (server actions, next-auth's authorize), for
 * rate-limit keys only: the socket's, or the right-most hop of a trusted proxy. See
 * client-address.ts for why a client's own X-Forwarded-For never counts.
 */
export async function requestIp(): Promise<string> {
  return clientAddress(await headers());
}
