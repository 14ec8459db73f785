import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/** One responsive rendition the server generated: its own name, never the uploader's. */
export type MediaVariant = {
  width: number;
  height: number;
  format: "webp" | "avif" | "jpg";
  file: string;
  bytes: number;
};

/** An uploaded image, re-encoded by the server; the original upload is never served. */
export const media = pgTable(
  "media",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    originalName: text("original_name").notNull().default(""),
    sourceType: text("source_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: integer("bytes").notNull(),
    alt: text("alt").notNull().default(""),
    caption: text("caption").notNull().default(""),
    credit: text("credit").notNull().default(""),
    variants: jsonb("variants").$type<MediaVariant[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("media_created_idx").on(t.createdAt)],
);

export type Media = typeof media.$inferSelect;
