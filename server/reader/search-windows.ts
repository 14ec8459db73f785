/**
 * Spans of publication dates for reader search, newest first, as tsqueries over the date
 * lexemes that search_documents.search_vector carries.
 *
 * Why: search ranks and counts only the newest matches (server/reader/search.ts). Finding
 * "the newest 1,000 stories with 'council'" through an index on published_at means testing
 * the words of every story on the way back (each test reads a story's stored vector), and
 * through the words' GIN index means reading every matching row to sort it. ANDing the words
 * with a span of dates inside the one GIN lookup reads only the matches within the span, and
 * spans that at most double (yesterday, the day before, the two days before that, …) stop
 * within about twice the rows needed, whether a word is in every story or in ten.
 *
 * The lexemes: days are numbered from FIRST_DAY (day 0, 1900-01-01, UTC), and a story dated
 * day d has, for each level L from 0 to MAX_LEVEL, the lexeme `b{L} {d >> L}`: the aligned
 * block of 2^L days holding d (migration 0006 writes them; the space keeps any reader's words
 * from producing one). A span is one block, so the GIN lookup for a span ANDs the words with a
 * single lexeme: a lookup ORing dozens of day and month lexemes cost milliseconds.
 */

const DAY_MS = 86_400_000;
/** Day 0 of the blocks. A story dated outside FIRST_DAY..LAST_DAY is written as the nearer end. */
export const FIRST_DAY = Date.UTC(1900, 0, 1) / DAY_MS;
/** The last day, as a day number from FIRST_DAY (2199-12-31). */
export const LAST_DAY = Date.UTC(2199, 11, 31) / DAY_MS - FIRST_DAY;
/** The largest block: 2^16 days, 179 years. */
export const MAX_LEVEL = 16;
/**
 * How many spans a search looks through: one from today on, then the blocks back to day 0
 * (at most 31 for any day up to LAST_DAY; a fixed number, as it is one prepared statement).
 */
export const SEARCH_SPAN_COUNT = 32;
/** A lexeme no story has: what an unused span asks for. */
const NO_BLOCK = "b0 -1";

export type Block = { level: number; index: number };

/** The days a block covers, first and last. */
export const blockDays = ({ level, index }: Block): [number, number] => [
  index * 2 ** level,
  (index + 1) * 2 ** level - 1,
];

const lexeme = ({ level, index }: Block) => `b${level} ${index}`;

/**
 * The spans for a search made on `today` (a day number from FIRST_DAY), newest first, each a
 * list of blocks. The first covers today to LAST_DAY (aligned blocks, the largest that fit:
 * only the ones holding today have stories). Then one block each, back to day 0: the largest
 * block that ends on the day before the last span and is at most twice as long as it.
 */
export function spanBlocks(today: number): Block[][] {
  const day = Math.min(LAST_DAY + 1, Math.max(0, today));
  const ahead: Block[] = [];
  for (let from = day; from <= LAST_DAY; ) {
    let level = MAX_LEVEL;
    while (from % 2 ** level !== 0 || from + 2 ** level - 1 > LAST_DAY) level--;
    ahead.push({ level, index: from / 2 ** level });
    from += 2 ** level;
  }
  const spans: Block[][] = [ahead];
  let previous = -1;
  for (let end = day - 1; end >= 0; ) {
    let level = Math.min(previous + 1, MAX_LEVEL);
    while ((end + 1) % 2 ** level !== 0) level--;
    spans.push([{ level, index: (end + 1) / 2 ** level - 1 }]);
    end -= 2 ** level;
    previous = level;
  }
  return spans;
}

export type SearchWindows = {
  /** SEARCH_SPAN_COUNT tsqueries (as text), newest span first; unused ones match nothing. */
  spans: string[];
};

let cached: { today: number; windows: SearchWindows } | null = null;

/** The spans for searches made on `now`'s UTC day (worked out once a day). */
export function searchWindows(now: Date = new Date()): SearchWindows {
  const today = Math.floor(now.getTime() / DAY_MS) - FIRST_DAY;
  if (cached?.today !== today) {
    const spans = spanBlocks(today).map((blocks) =>
      (blocks.length > 0 ? blocks.map(lexeme) : [NO_BLOCK]).map((l) => `'${l}'`).join(" | "),
    );
    while (spans.length < SEARCH_SPAN_COUNT) spans.push(`'${NO_BLOCK}'`);
    if (spans.length > SEARCH_SPAN_COUNT)
      throw new Error("search spans: more than the statement holds");
    cached = { today, windows: { spans } };
  }
  return cached.windows;
}
