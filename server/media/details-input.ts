import "server-only";
import { z } from "zod";

/** C0 controls other than tab and line feed, and DEL: never meaningful in these fields. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** One line of staff text: NUL refused, lone surrogates replaced, NFC, trimmed, capped. */
const line = (label: string, max: number) =>
  z
    .string({ message: `${label} must be text.` })
    .refine((s) => !s.includes("\u0000"), `${label} contains a character that is not allowed.`)
    .transform((s) => s.toWellFormed().normalize("NFC").replace(CONTROLS, "").trim())
    .pipe(z.string().max(max, `${label} must be at most ${max} characters.`));

/**
 * Alt text, caption and credit of a library image. The caps match the figure node's in
 * lib/content/validate.ts, so a library image's text always fits the story it goes into.
 */
export const mediaDetails = {
  alt: line("Alt text", 500).default(""),
  caption: line("Caption", 1_000).default(""),
  credit: line("Credit", 200).default(""),
};

/**
 * The uploader's file name, for the library list only: never part of a path. Directory
 * parts ("../../etc/passwd" → "passwd") and control characters are dropped.
 */
export function displayName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  return base
    .replaceAll("\u0000", "")
    .toWellFormed()
    .normalize("NFC")
    .replace(CONTROLS, "")
    .trim()
    .slice(0, 255);
}
