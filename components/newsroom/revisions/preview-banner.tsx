import { articlePath } from "@/lib/reader/paths";

/**
 * The strip above a preview: says plainly that readers cannot see this yet and leads back to
 * the newsroom. It uses the reader stylesheet's own `.notice` class, because the preview is a
 * reader page (no newsroom styles, no inline styles under the reader's CSP).
 */
export function PreviewBanner({
  articleId,
  unpublishedChanges,
  live,
}: {
  articleId: string;
  unpublishedChanges: boolean;
  live: { sectionSlug: string; slug: string } | null;
}) {
  const editor = `/newsroom/articles/${articleId}`;
  return (
    <div className="notice" role="note" aria-label="Preview">
      <strong>
        {unpublishedChanges ? "Preview — not published" : "Preview — this is the live version"}
      </strong>
      {" · "}
      <a href={editor}>Back to the editor</a>
      {" · "}
      <a href={`${editor}/revisions`}>Revision history</a>
      {live ? (
        <>
          {" · "}
          <a href={articlePath(live.sectionSlug, live.slug)}>Live page</a>
        </>
      ) : null}
    </div>
  );
}
