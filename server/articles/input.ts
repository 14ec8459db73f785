import "server-only";
import { z } from "zod";
import { CONTENT_LIMITS } from "@/lib/content/limits";

/** Text from a person: NUL refused, lone surrogates replaced, NFC, trimmed. */
export const cleanText = (max: number, label: string) =>
  z
    .string({ message: `${label} must be text.` })
    .refine((s) => !s.includes("\u0000"), `${label} contains a character that is not allowed.`)
    .transform((s) => s.toWellFormed().normalize("NFC").trim())
    .pipe(z.string().max(max, `${label} is at most ${max} characters.`));

export const headline = cleanText(CONTENT_LIMITS.headlineMax, "Headline").pipe(
  z.string().min(1, "A headline is required."),
);

/**
 * The fields a save may carry. Strict: status, authors, publication times and anything
 * else are refused (mass assignment), because only workflow transitions change those.
 */
export const articleFields = {
  headline,
  standfirst: cleanText(CONTENT_LIMITS.standfirstMax, "Standfirst").default(""),
  dateline: cleanText(CONTENT_LIMITS.datelineMax, "Dateline").default(""),
  source: cleanText(CONTENT_LIMITS.sourceMax, "Source").default(""),
  sectionId: z.uuid({ message: "Choose a section." }),
  /** Validated against the content schema by validateDoc, not by zod. */
  body: z.unknown(),
  /** A media-library image, or null for none. */
  featuredMediaId: z
    .uuid({ message: "Choose an image from the library." })
    .nullable()
    .default(null),
  seoTitle: cleanText(120, "SEO title").default(""),
  seoDescription: cleanText(300, "SEO description").default(""),
};
