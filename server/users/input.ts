import "server-only";
import { z } from "zod";
import { stripInvisible } from "@/lib/text/invisible";
import { ROLES } from "@/lib/workflow/states";
import { cleanText } from "../articles/input";
import {
  isCommonPassword,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordLength,
} from "../auth/password-policy";

export const email = z
  .string({ message: "Enter an email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address." }).max(254));

/**
 * What was typed, NFC-normalised when hashed (server/auth/password-policy.ts): no trimming or
 * case folding. Lengths count characters, so 64 emoji are a 64-character password.
 */
export const newPassword = z
  .string({ message: "Enter a password." })
  .max(PASSWORD_MAX * 4, `Passwords are at most ${PASSWORD_MAX} characters.`)
  .refine((s) => passwordLength(s) >= PASSWORD_MIN, {
    message: `Passwords are at least ${PASSWORD_MIN} characters.`,
    abort: true,
  })
  .refine((s) => passwordLength(s) <= PASSWORD_MAX, {
    message: `Passwords are at most ${PASSWORD_MAX} characters.`,
    abort: true,
  })
  .refine((s) => !s.includes("\u0000"), {
    message: "Passwords cannot contain a NUL character.",
    abort: true,
  })
  .refine(
    (s) => !isCommonPassword(s),
    "This password is one of the most common passwords. Choose another.",
  );

/**
 * A staff member's display name, shown as their byline (THREATS 39): cleanText, then bidi
 * controls and zero-width characters removed (lib/text/invisible.ts) and re-trimmed, so a
 * name that was nothing but such characters is refused like an empty one.
 */
export const personName = cleanText(100, "Name")
  .transform((s) => stripInvisible(s).trim())
  .pipe(z.string().min(1, "Enter a name."));

export const role = z.enum(ROLES, { message: "Choose reporter, editor or admin." });

export const newUserInput = z.strictObject({
  name: personName,
  email,
  password: newPassword,
  role,
});
