import { pagedPath } from "@/lib/reader/paths";

/** Newer / older links with the page number; plain links, so they work everywhere. */
export function Pagination({
  basePath,
  page,
  total,
  perPage,
}: {
  basePath: string;
  page: number;
  total: number;
  perPage: number;
}) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pagination">
      {page > 1 ? (
        <a href={pagedPath(basePath, page - 1)} rel="prev">
          ← Previous page
        </a>
      ) : null}
      <span aria-current="page">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <a href={pagedPath(basePath, page + 1)} rel="next">
          Next page →
        </a>
      ) : null}
    </nav>
  );
}
