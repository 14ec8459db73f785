import "server-only";
import crypto from "node:crypto";
import { config } from "../config";

/** Keyed hash of an address: stable for rate limits, useless to anyone without the secret. */
export function hashClientAddress(address: string): string {
  return crypto
    .createHmac("sha256", config().authSecret)
    .update(`comment-ip:${address}`)
    .digest("hex");
}
