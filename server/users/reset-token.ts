import "server-only";
import crypto from "node:crypto";

/** A reset link lives this long. Short, because whoever holds the link owns the account. */
export const RESET_TTL_MS = 24 * 60 * 60 * 1000;

/** 32 random bytes, base64url: 256 bits, 43 characters. */
export function newResetToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Only this hash is stored. Looking a link up by the SHA-256 of the presented token is the
 * constant-time comparison: the database never compares the secret itself, and an attacker
 * cannot steer a hash prefix, so the index lookup leaks nothing useful about the token.
 * Returns null for anything that is not shaped like one of our tokens.
 */
export function hashResetToken(token: string): string | null {
  if (!TOKEN_SHAPE.test(token)) return null;
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** One message for an unknown, malformed, expired, used or superseded link: no oracle. */
export const INVALID_RESET_LINK =
  "This password reset link is invalid or has expired. Ask an admin for a new one.";
