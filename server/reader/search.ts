import "server-only";
import { desc, eq, type SQL, sql } from "drizzle-orm";
import { publishedArticles, searchDocuments, sections } from "@/db/schema";
import { MARK_END, MARK_START, normalizeSearchQuery } from "@/lib/reader/search-text";
import { prepared } from "./prepared";
import { type StoryCard, storyCardColumns } from "./queries";
import { SEARCH_SPAN_COUNT, searchWindows } from "./search-windows";

/**
 * Full-text search over live stories (`search_documents`, a narrow copy of each live story
 * kept by a trigger: see db/schema/published.ts). The person's words go to
 * websearch_to_tsquery as a bound parameter: it understands "quoted phrases", -exclusions and
 * `or`, and never raises on odd syntax, so no input can make the query fail (THREATS 31).
 *
 * Bounded work, whatever the words (issue 5: p95 ≤ 50 ms over 100,000 stories). A common word
 * is in most stories, and ranking or counting every match cost more than a second, so search
 * takes the newest SEARCH_LIMIT matches (found span of dates by span of dates through the
 * GIN index: server/reader/search-windows.ts), ranks those, and says "more than 1,000" when
 * there are more. Words the index cannot settle alone — a "quoted phrase" needs the word
 * positions, a query of exclusions only matches nearly everything — are checked story by
 * story in the newest CHECKED_LIMIT stories that could match (for a phrase, those with all its
 * words); the page then says that older stories may match too.
 *
 * Ranking: ts_rank over headline (A) and standfirst (B), normalised by length, so a story
 * about the words comes before one that mentions them in passing; newest first among equals
 * (a mention in the body ranks by date alone: reading every candidate's whole text to weigh
 * it would cost more than the rest of the search). ts_headline marks matches with
 * private-use characters that the page turns into <mark> elements; no HTML comes from the
 * database.
 */

/** The most matches a search ranks and counts; the page offers at most this many. */
export const SEARCH_LIMIT = 1_000;
/** The most candidates checked story by story for a phrase or an exclusions-only query. */
export const CHECKED_LIMIT = 500;

export type SearchHit = StoryCard & { snippet: string };
/**
 * How `total` relates to every match: `exact`, it is all of them; `over`, the search stopped
 * at its limit and there are more; `recent`, a phrase (or exclusions-only query) was checked
 * against recent candidates only, and older stories may match too.
 */
export type SearchCount = "exact" | "over" | "recent";
export type SearchResult = {
  query: string;
  hits: SearchHit[];
  total: number;
  count: SearchCount;
};

const ph = sql.placeholder;
const tsquery = sql`websearch_to_tsquery('english', ${ph("q")})`;
const docs = searchDocuments;

/** Ask ts_headline for marker characters, never tags; a couple of short fragments. */
const HEADLINE_OPTIONS = `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=32, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;
/** ts_headline reads at most this much of a story: it costs time in proportion to the text. */
const SNIPPET_SOURCE_CHARS = 20_000;
/** A phrase operator in a tsquery's text: `<->`, or `<N>` when stop words sat in between. */
const PHRASE_OPERATOR = " <(-|[0-9]+)> ";

/**
 * The newest candidates for the query, newest first, span by span: each branch runs only if
 * the ones before it found fewer than the limit, and its GIN lookup ANDs the words with the
 * span's date lexemes, so it reads only the matches within the span.
 */
function candidates(): SQL {
  const limit = sql`(select lim from q)`;
  const spans = Array.from({ length: SEARCH_SPAN_COUNT }, (_, k) => {
    const span = sql`${ph(`w${k}`)}::tsquery`;
    return sql`(select ${docs.articleId} as article_id, ${docs.publishedAt} as published_at,
        ${docs.titleVector} as title_vector, ${docs.searchVector} as search_vector from ${docs}, q
      where ${docs.searchVector} @@ coalesce(q.loose && ${span}, ${span})
      order by ${docs.publishedAt} desc, ${docs.articleId} desc limit ${limit})`;
  });
  return sql`select * from (${sql.join(spans, sql` union all `)}) spans limit ${limit}`;
}

const searchStatement = prepared("reader_search", (db) => {
  // q: the query; `loose` is what the GIN index can answer exactly — the query itself, or for
  // phrases the same words ANDed (negated parts dropped, so it never excludes a real match),
  // or null when nothing is indexable (exclusions only: every story is a candidate).
  // `lim` candidates are read: one more than the limit, to tell "exactly N" from "more than N".
  const hits = sql`(
    with q as materialized (
      select exact, checked, case when checked then ${sql.raw(String(CHECKED_LIMIT + 1))} else ${sql.raw(String(SEARCH_LIMIT + 1))} end as lim,
        case when tree = 'T' then null
             when not phrased then exact
             else regexp_replace(tree, ${PHRASE_OPERATOR}, ' & ', 'g')::tsquery end as loose
      from (select exact, tree, tree ~ ${PHRASE_OPERATOR} as phrased, tree = 'T' or tree ~ ${PHRASE_OPERATOR} as checked
            from (select exact, querytree(exact) as tree
                  from (select ${tsquery} as exact) e) t0) t
      where numnode(exact) > 0
    ),
    cand as materialized (${candidates()}),
    matched as materialized (
      select c.article_id, c.published_at, ts_rank(c.title_vector, q.exact, 1) as rank
      from cand c cross join q
      where not q.checked or c.search_vector @@ q.exact
    ),
    page as (
      select * from matched order by rank desc, published_at desc, article_id desc
      limit ${ph("limit")} offset ${ph("offset")}
    )
    select (select count(*) from matched)::int as total,
      coalesce((select count(*) from cand) >= (select lim from q), false) as capped,
      coalesce((select checked from q), false) as checked,
      page.article_id, page.rank
    from (select 1) one left join page on true
  ) hits`;
  // The snippet is computed for this page's rows only.
  const source = sql`translate(${publishedArticles.standfirst} || E'\n' || left(${publishedArticles.bodyText}, ${sql.raw(String(SNIPPET_SOURCE_CHARS))}), ${`${MARK_START}${MARK_END}`}, '')`;
  return db
    .select({
      ...storyCardColumns,
      total: sql<number>`hits.total`,
      capped: sql<boolean>`hits.capped`,
      checked: sql<boolean>`hits.checked`,
      snippet: sql<string>`ts_headline('english', ${source}, ${tsquery}, ${ph("options")})`,
    })
    .from(hits)
    .leftJoin(publishedArticles, eq(publishedArticles.articleId, sql`hits.article_id`))
    .leftJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .orderBy(
      sql`hits.rank desc nulls last`,
      desc(publishedArticles.publishedAt),
      desc(publishedArticles.articleId),
    )
    .prepare("reader_search");
});

export async function searchStories(
  rawQuery: unknown,
  page: number,
  perPage: number,
): Promise<SearchResult> {
  const query = normalizeSearchQuery(rawQuery);
  if (!query) return { query, hits: [], total: 0, count: "exact" };
  const offset = (page - 1) * perPage;
  // Past the last page there is nothing to rank; the page offers a way back to the first.
  if (offset >= SEARCH_LIMIT) return { query, hits: [], total: 0, count: "exact" };
  const windows = searchWindows();
  const rows = await (await searchStatement()).execute({
    q: query,
    limit: perPage,
    offset,
    options: HEADLINE_OPTIONS,
    ...Object.fromEntries(windows.spans.map((span, k) => [`w${k}`, span])),
  });
  const first = rows[0];
  const total = first?.total ?? 0;
  const capped = first?.capped === true;
  const checked = first?.checked === true;
  // One candidate more than the limit was read to tell "exactly the limit" from "more".
  const limit = checked ? CHECKED_LIMIT : SEARCH_LIMIT;
  const count: SearchCount = !capped ? "exact" : total > limit ? "over" : "recent";
  // Ranked past the limit is the one extra candidate: never offered (pages stop at the limit).
  const hits = rows
    .filter((row) => row.articleId !== null)
    .slice(0, Math.max(0, limit - offset))
    .map(({ total: _t, capped: _c, checked: _k, ...hit }) => hit as SearchHit);
  return { query, hits, total: Math.min(total, limit), count };
}
