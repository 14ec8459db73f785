import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import {
  comparePath,
  KIND_LABELS,
  revisionsPath,
  utcStamp,
} from "@/components/newsroom/revisions/format";
import { RestoreRevisionButton } from "@/components/newsroom/revisions/restore-revision-button";
import styles from "@/components/newsroom/revisions/revisions.module.css";
import { renderDoc } from "@/lib/content/render";
import { getRevision, revisionNumber } from "@/server/articles/queries/revisions";
import { currentActor } from "@/server/auth/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Revision" };

export default async function RevisionPage({
  params,
}: {
  params: Promise<{ id: string; number: string }>;
}) {
  const { id, number: raw } = await params;
  const number = revisionNumber(raw);
  if (number === null) notFound();
  const actor = await currentActor();
  if (!actor) redirect("/login");
  const view = await getRevision(actor, id, number);
  if (!view) notFound();
  const { story, revision, related } = view;
  return (
    <>
      <p>
        <Link href={revisionsPath(id)}>Revision history</Link> ·{" "}
        <Link href={`/newsroom/articles/${id}`}>Back to the editor</Link>
      </p>
      <h1 id="revision-title">
        Revision {revision.number}
        {revision.current ? (
          <span className={`${styles.badge} ${styles.current}`}>Current</span>
        ) : null}
        {revision.published ? (
          <span className={`${styles.badge} ${styles.published}`}>Published</span>
        ) : null}
        {revision.live ? <span className={`${styles.badge} ${styles.live}`}>Live now</span> : null}
      </h1>
      <p className="meta">
        {KIND_LABELS[revision.kind]} by {revision.by},{" "}
        <time dateTime={revision.createdAt.toISOString()}>{utcStamp(revision.createdAt)}</time> ·{" "}
        {revision.wordCount.toLocaleString("en-GB")} words · Section:{" "}
        {revision.sectionName || "(unknown)"}
        {revision.bylines.length ? ` · Bylines: ${revision.bylines.join(", ")}` : ""}
        {revision.tagNames.length ? ` · Tags: ${revision.tagNames.join(", ")}` : ""}
      </p>
      {revision.current ? null : (
        <div className={styles.actions}>
          <Link href={comparePath(id, revision.number, story.currentNumber)}>
            Compare with current
          </Link>
          {story.canRestore ? (
            <RestoreRevisionButton
              articleId={id}
              revisionId={revision.id}
              number={revision.number}
              baseVersion={story.version}
              describedBy="revision-title"
            />
          ) : null}
        </div>
      )}
      {/* The reader site's article markup and renderer, so a revision reads as it would live. */}
      <article className="article" aria-label={`Revision ${revision.number}`}>
        <header className="article-header">
          <h2 className={styles.headline} dir="auto">
            {revision.headline}
          </h2>
          {revision.standfirst ? (
            <p className="standfirst" dir="auto">
              {revision.standfirst}
            </p>
          ) : null}
        </header>
        {revision.bylines.length ? (
          <p className="byline">By {revision.bylines.join(" and ")}</p>
        ) : null}
        <div className="article-body" dir="auto">
          {renderDoc(revision.body, { dateline: revision.dateline, related })}
        </div>
        {revision.source ? (
          <p className="source" dir="auto">
            Source: {revision.source}
          </p>
        ) : null}
      </article>
    </>
  );
}
