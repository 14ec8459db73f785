import { formatDate } from "@/lib/reader/format";
import { articlePath } from "@/lib/reader/paths";
import type { CorrectionListing } from "@/server/reader/article";
import { Pagination } from "./pagination";

const KIND_LABEL: Record<string, string> = {
  correction: "Correction",
  clarification: "Clarification",
  update: "Update",
};

/** `/corrections`: every correction and clarification, newest first. */
export function CorrectionsView({
  items,
  page,
  total,
  perPage,
}: {
  items: CorrectionListing[];
  page: number;
  total: number;
  perPage: number;
}) {
  return (
    <>
      <h1>Corrections</h1>
      <p>
        When we get something wrong we correct it and say so at the end of the story. Every
        correction and clarification is listed here, newest first.
      </p>
      {items.length === 0 ? (
        <p className="empty-state">There are no corrections to show.</p>
      ) : (
        <ol className="corrections-list">
          {items.map((c) => (
            <li key={`${c.slug}-${c.createdAt.toISOString()}`}>
              <p className="meta">
                <strong>{KIND_LABEL[c.kind] ?? "Correction"}</strong> ·{" "}
                <time dateTime={c.createdAt.toISOString()}>{formatDate(c.createdAt)}</time>
              </p>
              <h2 className="story-headline">
                <a href={articlePath(c.sectionSlug, c.slug)} dir="auto">
                  {c.headline}
                </a>
              </h2>
              <p dir="auto">{c.note}</p>
            </li>
          ))}
        </ol>
      )}
      <Pagination basePath="/corrections" page={page} total={total} perPage={perPage} />
    </>
  );
}
