/**
 * Search input and highlighted output, shared by the query and the page.
 *
 * ts_headline is asked to wrap matches in two private-use characters (never HTML), and the
 * page splits on them into React <mark> elements: nothing from the database is ever
 * injected as markup. Any stray marker characters in a story are removed before splitting.
 */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

/** Longest query we search for; longer input is cut (a 10 KB paste still gives a page). */
export const MAX_QUERY_CHARS = 200;

/**
 * What we send to websearch_to_tsquery: well-formed Unicode in NFC, no control characters
 * (NUL would make PostgreSQL refuse the parameter), whitespace collapsed, length capped.
 * websearch_to_tsquery itself never raises on syntax, so quotes, `-`, `or`, `&|!:*()` are safe.
 */
export function normalizeSearchQuery(raw: unknown): string {
  if (typeof raw !== "string") return "";
  const cleaned = raw
    .slice(0, MAX_QUERY_CHARS * 4)
    .toWellFormed()
    .normalize("NFC")
    .replace(UNWANTED, " ");
  return cleaned.replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_CHARS).toWellFormed().trim();
}

/** C0/C1 controls (NUL included), private use (our markers), zero-width and bidi controls. */
const UNWANTED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u001f\u007f-\u009f\uE000-\uF8FF\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

export type HighlightPart = { text: string; marked: boolean };

/** Splits a ts_headline result on the marker characters into plain and marked runs. */
export function splitHighlights(headline: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let marked = false;
  let current = "";
  for (const ch of headline) {
    if (ch === MARK_START || ch === MARK_END) {
      if (current) parts.push({ text: current, marked });
      current = "";
      marked = ch === MARK_START;
      continue;
    }
    current += ch;
  }
  if (current) parts.push({ text: current, marked });
  return parts;
}

/** Page numbers from the query string: a positive integer, or 1 for anything else. */
export function parsePage(raw: string | null | undefined, max = 1000): number {
  if (!raw || !/^[0-9]{1,6}$/.test(raw)) return 1;
  const n = Number.parseInt(raw, 10);
  return n >= 1 && n <= max ? n : 1;
}
