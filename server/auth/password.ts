import "server-only";
import argon2 from "argon2";
import { normalizePassword } from "./password-policy";

/**
 * argon2id with explicit parameters (OWASP: m=19 MiB, t=2, p=1), never the library's
 * defaults, so a dependency update cannot silently weaken new hashes.
 */
export const ARGON2_PARAMS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export { PASSWORD_MAX, PASSWORD_MIN } from "./password-policy";

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(normalizePassword(password), ARGON2_PARAMS);
}

let dummyHash: Promise<string> | null = null;

/**
 * Verifies a password. With no stored hash (unknown email) it still verifies against a
 * dummy hash of the same cost, so timing does not reveal whether the account exists.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword("not-a-real-password-used-for-timing");
  const target = hash ?? (await dummyHash);
  const normalised = normalizePassword(password);
  try {
    if (await argon2.verify(target, normalised)) return hash !== null;
    // Hashes made before passwords were NFC-normalised hold the bytes as typed. The second
    // run depends only on the input's form, never on whether the account exists.
    if (normalised !== password) return (await argon2.verify(target, password)) && hash !== null;
    return false;
  } catch {
    return false;
  }
}

/** True when a stored hash was made with weaker or different parameters than today's. */
export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, ARGON2_PARAMS);
}
