import "server-only";
import { z } from "zod";
import { isReservedSlug } from "@/lib/slug";
import { stripInvisible } from "@/lib/text/invisible";
import { cleanText } from "../articles/input";

/** Paths the reader site answers itself: a section may not shadow them. */
const READER_ROUTES = new Set(["assets", "news-sitemap.xml", "api", "_next", "icon.svg"]);

export const sectionName = cleanText(60, "Name")
  .transform((s) => stripInvisible(s).trim())
  .pipe(z.string().min(1, "Give the section a name."));

export const sectionDescription = cleanText(300, "Description").default("");

/** The section's address, `/{slug}`: lower-case words joined by hyphens, not a reserved word. */
export const sectionSlug = z
  .string({ message: "The address must be text." })
  .trim()
  .toLowerCase()
  .pipe(
    z
      .string()
      .min(1, "Give the section an address.")
      .max(40, "The address is at most 40 characters.")
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and hyphens only.")
      .refine(
        (s) => !isReservedSlug(s) && !READER_ROUTES.has(s),
        "That address is reserved; choose another.",
      ),
  );
