/**
 * Spans of publication dates for reader search, newest first, as tsqueries over the date
 * lexemes that search_documents.search_vector carries (`d 2026-11-28`, `m 2026-11`,
 * `y 2026`; migration 0006 writes them from published_at in UTC).
 *
 * Why: search ranks and counts only the newest matches (server/reader/search.ts). Finding
 * "the newest 1,000 stories with 'council'" through an index on published_at means testing
 * the words of every story on the way back (each test reads a story's stored vector), and
 * through the words' GIN index means reading every matching row to sort it. ANDing the words
 * with a span of dates inside the one GIN lookup reads only the matches within the span, and
 * spans that double in length (today, yesterday, the two days before, the four before, …)
 * stop within about twice the rows needed, whether a word is in every story or in ten.
 */

const DAY_MS = 86_400_000;
/**
 * The dates the spans tile. Migration 0006 writes the lexemes of a story dated outside them
 * (an import gone wrong, a clock far off) as of the nearest end, so every story is in a span.
 */
export const FIRST_DAY = Date.UTC(1900, 0, 1) / DAY_MS;
export const LAST_DAY = Date.UTC(2199, 11, 31) / DAY_MS;

export type SearchWindows = {
  /** One tsquery (as text) for each span, newest first: from today to LAST_DAY, then 1, 2, 4 … days back to FIRST_DAY. */
  spans: string[];
};

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The fewest lexemes naming exactly the UTC days `from`..`to` (days since 1970-01-01,
 * inclusive): whole years as `y`, whole months as `m`, the rest as `d`.
 */
export function dayLexemes(from: number, to: number): string[] {
  const lexemes: string[] = [];
  let day = from;
  while (day <= to) {
    const date = new Date(day * DAY_MS);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth();
    if (date.getUTCDate() === 1) {
      const nextYear = Date.UTC(year + 1, 0, 1) / DAY_MS;
      if (month === 0 && nextYear - 1 <= to) {
        lexemes.push(`y ${year}`);
        day = nextYear;
        continue;
      }
      const nextMonth = Date.UTC(year, month + 1, 1) / DAY_MS;
      if (nextMonth - 1 <= to) {
        lexemes.push(`m ${isoDay(day).slice(0, 7)}`);
        day = nextMonth;
        continue;
      }
    }
    lexemes.push(`d ${isoDay(day)}`);
    day += 1;
  }
  return lexemes;
}

/** How many spans a search looks through (a fixed number: it is one prepared statement). */
export const SEARCH_SPAN_COUNT = 17;
/** A lexeme no story has (FIRST_DAY is the earliest written): the tsquery of an empty span. */
const NO_DAY = "d 1899-12-31";

/** Lexemes as a tsquery matching any of them (they hold no quote or backslash to escape). */
const anyOf = (lexemes: string[]) =>
  (lexemes.length > 0 ? lexemes : [NO_DAY]).map((l) => `'${l}'`).join(" | ");

/**
 * The day ranges of the spans for a search made on UTC day `today`, newest first: today to
 * LAST_DAY, then 1, 2, 4 … days back (16,384 days for the next to last), then the rest back
 * to FIRST_DAY. A range with from > to is empty. Together they tile FIRST_DAY..LAST_DAY.
 */
export function spanDays(today: number): [number, number][] {
  const day = Math.min(LAST_DAY + 1, Math.max(FIRST_DAY, today));
  const ranges: [number, number][] = [[day, LAST_DAY]];
  let end = day - 1;
  for (let k = 1; k < SEARCH_SPAN_COUNT - 1; k++) {
    const from = Math.max(FIRST_DAY, end - 2 ** (k - 1) + 1);
    ranges.push([from, end]);
    end = from - 1;
  }
  ranges.push([FIRST_DAY, end]);
  return ranges;
}

let cached: { today: number; windows: SearchWindows } | null = null;

/** The spans for searches made on `now`'s UTC day (worked out once a day). */
export function searchWindows(now: Date = new Date()): SearchWindows {
  const today = Math.floor(now.getTime() / DAY_MS);
  if (cached?.today !== today) {
    const spans = spanDays(today).map(([from, to]) => anyOf(dayLexemes(from, to)));
    cached = { today, windows: { spans } };
  }
  return cached.windows;
}
