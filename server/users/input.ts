import "server-only";
import { z } from "zod";
import { ROLES } from "@/lib/workflow/states";
import { cleanText } from "../articles/input";
import { PASSWORD_MAX, PASSWORD_MIN } from "../auth/password";

export const email = z
  .string({ message: "Enter an email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address." }).max(254));

/** Exact bytes: no trimming or normalising, so a password is what was typed. */
export const newPassword = z
  .string({ message: "Enter a password." })
  .min(PASSWORD_MIN, `Passwords are at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Passwords are at most ${PASSWORD_MAX} characters.`)
  .refine((s) => !s.includes("\u0000"), "Passwords cannot contain a NUL character.");

export const personName = cleanText(100, "Name")
  .transform((s) => s.replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, ""))
  .pipe(z.string().min(1, "Enter a name."));

export const role = z.enum(ROLES, { message: "Choose reporter, editor or admin." });

export const newUserInput = z.strictObject({
  name: personName,
  email,
  password: newPassword,
  role,
});
