import "server-only";
import { z } from "zod";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = {
  action?: string;
  actorId?: string;
  /** A story id, or words of its headline. */
  story?: string;
  /** Calendar days in the newsroom's time zone, inclusive. */
  from?: string;
  to?: string;
  /** Keyset cursors on the event id: older than `before`, or newer than `after`. */
  before?: number;
  after?: number;
};

type Params = Record<string, string | string[] | undefined>;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  });
const cursor = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const FIELDS = {
  action: { schema: z.string().regex(/^[a-z_]{1,64}$/), label: "Action" },
  actor: { schema: z.uuid(), label: "Actor" },
  story: {
    schema: z
      .string()
      .max(200)
      .refine((s) => !s.includes("\u0000"))
      .transform((s) => s.trim()),
    label: "Story",
  },
  from: { schema: day, label: "From" },
  to: { schema: day, label: "To" },
  before: { schema: cursor, label: "Page" },
  after: { schema: cursor, label: "Page" },
} as const;

/**
 * Reads the audit view's GET parameters. A value that does not parse is dropped and named in
 * `problems`, so a hand-edited URL shows a clear message instead of an error page.
 */
export function parseAuditFilters(params: Params): { filters: AuditFilters; problems: string[] } {
  const filters: AuditFilters = {};
  const problems: string[] = [];
  for (const [key, { schema, label }] of Object.entries(FIELDS)) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === "") continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      problems.push(`${label}: "${String(value).slice(0, 40)}" is not valid and was ignored.`);
      continue;
    }
    const v = parsed.data as string | number;
    if (v === "") continue;
    if (key === "actor") filters.actorId = v as string;
    else (filters as Record<string, unknown>)[key] = v;
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    problems.push("From is after To: no entries can match.");
  }
  return { filters, problems };
}

/** The query string for the same filters on another page (cursors replaced). */
export function auditQueryString(
  filters: AuditFilters,
  page: { before?: number; after?: number } = {},
): string {
  const qs = new URLSearchParams();
  if (filters.action) qs.set("action", filters.action);
  if (filters.actorId) qs.set("actor", filters.actorId);
  if (filters.story) qs.set("story", filters.story);
  if (filters.from) qs.set("from", filters.from);
  if (filters.to) qs.set("to", filters.to);
  if (page.before) qs.set("before", String(page.before));
  if (page.after) qs.set("after", String(page.after));
  const s = qs.toString();
  return s ? `?${s}` : "";
}
