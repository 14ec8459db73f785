import "server-only";
import { SearchView } from "@/components/site/search-view";
import { absoluteUrl } from "@/lib/reader/paths";
import { parsePage } from "@/lib/reader/search-text";
import { config } from "../../config";
import { navSections } from "../queries";
import { page, SEARCH_CACHE } from "../respond";
import { searchStories } from "../search";

const PER_PAGE = 10;

/** `/search?q=…&page=…`: always a page (200), whatever the query holds. */
export async function searchPage(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  // Any page number a link could carry; past the last page of results the page says so.
  const n = parsePage(params.get("page"));
  const [result, sections] = await Promise.all([
    searchStories(params.get("q") ?? "", n, PER_PAGE),
    navSections(),
  ]);
  return page(
    {
      title: result.query ? `Search: ${result.query}` : "Search",
      canonical: absoluteUrl(config().siteUrl, "/search"),
      robots: "noindex, follow",
    },
    <SearchView
      query={result.query}
      hits={result.hits}
      total={result.total}
      count={result.count}
      page={n}
      perPage={PER_PAGE}
      sections={sections}
    />,
    { cache: SEARCH_CACHE, query: result.query, sections, keys: ["search"] },
  );
}
