import "server-only";
import crypto from "node:crypto";
import { config } from "../config";

/**
 * Encryption at rest for small secrets (TOTP seeds) and keyed hashes (recovery codes), with
 * keys derived from AUTH_SECRET by HKDF — one purpose per key, so neither key is the secret
 * that signs sessions. AES-256-GCM: a changed byte fails to decrypt rather than decrypting
 * to something else. Rotating AUTH_SECRET makes stored seeds unreadable: users re-enrol.
 */
function key(purpose: string): Buffer {
  return Buffer.from(
    crypto.hkdfSync("sha256", config().authSecret, "newsroom-cms", `newsroom:${purpose}:v1`, 32),
  );
}

export function seal(plain: string, purpose: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(purpose), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The plain text, or null when the box is malformed, tampered with or sealed under another key. */
export function open(sealed: string, purpose: string): string | null {
  if (!sealed.startsWith("v1.")) return null;
  const raw = Buffer.from(sealed.slice(3), "base64url");
  if (raw.length < 29) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key(purpose), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

export function keyedHash(value: string, purpose: string): string {
  return crypto.createHmac("sha256", key(purpose)).update(value).digest("base64url");
}
