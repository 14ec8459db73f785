import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * Password rules for every place a password is set (first admin, new staff, reset link,
 * change). Lengths count Unicode characters of the NFC form, the form that is hashed.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1024;

/**
 * NFC only: "é" typed as one code point or as "e" + combining accent is the same password,
 * so a passphrase typed on another keyboard or OS still works. Nothing else is changed — no
 * trimming, no case folding, no compatibility (NFKC) folding.
 */
export function normalizePassword(password: string): string {
  return password.normalize("NFC");
}

export function passwordLength(password: string): number {
  return [...normalizePassword(password)].length;
}

let common: Set<string> | null = null;

/**
 * True for a password on the list of the 49,233 most common passwords in public breach
 * corpora that zxcvbn-ts ships ("passwords-common" of @zxcvbn-ts/language-common 4.1.3, MIT),
 * compared without regard to case.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"].map((p) => String(p).toLowerCase()));
  return common.has(normalizePassword(password).toLowerCase());
}
