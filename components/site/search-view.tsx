import { searchPath, sectionPath } from "@/lib/reader/paths";
import { splitHighlights } from "@/lib/reader/search-text";
import type { NavSection } from "@/server/reader/queries";
import type { SearchCount, SearchHit } from "@/server/reader/search";
import { Pagination } from "./pagination";
import { StoryCard } from "./story-list";

/** ts_headline's output with its marker characters turned into <mark> elements (no HTML). */
export function Snippet({ text }: { text: string }) {
  return (
    <p className="snippet" dir="auto">
      {splitHighlights(text).map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed run of text, never reordered
        part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </p>
  );
}

const number = (n: number) => n.toLocaleString("en");

/** The count line: exact, a floor when search stopped at its limit, or recent stories only. */
function found(total: number, count: SearchCount): string {
  if (count === "over") return `More than ${number(total)} stories found.`;
  if (count === "recent") {
    return `${total === 1 ? "1 recent story" : `${number(total)} recent stories`} found; older stories may match too.`;
  }
  return total === 1 ? "1 story found." : `${number(total)} stories found.`;
}

function Tips({ sections }: { sections: NavSection[] }) {
  return (
    <div className="search-tips">
      <h2>Search tips</h2>
      <ul>
        <li>Check the spelling, or try fewer or more general words.</li>
        <li>
          Put a phrase in quotes, e.g. <kbd>"city council"</kbd>; leave a word out with a minus,
          e.g. <kbd>bridge -river</kbd>; use <kbd>or</kbd> for either word.
        </li>
      </ul>
      {sections.length > 0 ? (
        <>
          <p>Or browse a section:</p>
          <ul className="inline-list">
            {sections.map((s) => (
              <li key={s.slug}>
                <a href={sectionPath(s.slug)} dir="auto">
                  {s.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export function SearchView({
  query,
  hits,
  total,
  count,
  page,
  perPage,
  sections,
}: {
  query: string;
  hits: SearchHit[];
  total: number;
  count: SearchCount;
  page: number;
  perPage: number;
  sections: NavSection[];
}) {
  if (!query) {
    return (
      <>
        <h1>Search</h1>
        <p>Type a few words into the search box at the top of the page to find our stories.</p>
        <Tips sections={sections} />
      </>
    );
  }
  return (
    <>
      <h1>
        Search results for “<span dir="auto">{query}</span>”
      </h1>
      {hits.length === 0 ? (
        <>
          <p className="empty-state" role="status">
            {page > 1
              ? "There are no more results."
              : count === "recent"
                ? "No recent stories matched your search; older stories may. A search with more words reaches further back."
                : "No stories matched your search."}
          </p>
          {page > 1 ? (
            <p>
              <a href={searchPath(query)}>Back to the first page of results</a>
            </p>
          ) : null}
          <Tips sections={sections} />
        </>
      ) : (
        <>
          <p role="status">
            {found(total, count)}
            {total > perPage ? ` Page ${page}.` : null}
          </p>
          <ol className="story-list search-results" start={(page - 1) * perPage + 1}>
            {hits.map((hit) => (
              <li key={hit.articleId}>
                <StoryCard story={hit} level={2} />
                <Snippet text={hit.snippet} />
              </li>
            ))}
          </ol>
          <Pagination basePath={searchPath(query)} page={page} total={total} perPage={perPage} />
        </>
      )}
    </>
  );
}
