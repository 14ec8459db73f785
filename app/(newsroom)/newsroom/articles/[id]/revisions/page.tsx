import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CompareForm } from "@/components/newsroom/revisions/compare-form";
import {
  comparePath,
  KIND_LABELS,
  revisionsPath,
  utcStamp,
} from "@/components/newsroom/revisions/format";
import { RestoreRevisionButton } from "@/components/newsroom/revisions/restore-revision-button";
import styles from "@/components/newsroom/revisions/revisions.module.css";
import { getRevisionHistory } from "@/server/articles/queries/revisions";
import { currentActor } from "@/server/auth/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Revision history" };

export default async function RevisionsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor) redirect("/login");
  const history = await getRevisionHistory(actor, id);
  if (!history) notFound();
  const { story, revisions } = history;
  const previous = revisions.find((r) => r.number < story.currentNumber)?.number;
  return (
    <>
      <p>
        <Link href={`/newsroom/articles/${id}`}>Back to the editor</Link> ·{" "}
        <Link href={`/newsroom/articles/${id}/preview`}>Preview</Link>
      </p>
      <h1>
        Revision history: <span dir="auto">{story.headline}</span>
      </h1>
      <p className="meta">
        {revisions.length} {revisions.length === 1 ? "revision" : "revisions"}, newest first. Times
        are in UTC. Restoring a revision saves its content as a new revision; nothing is ever
        deleted.
      </p>
      <CompareForm
        articleId={id}
        options={revisions}
        from={previous ?? story.currentNumber}
        to={story.currentNumber}
      />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Revision</th>
            <th scope="col">Saved by</th>
            <th scope="col">When (UTC)</th>
            <th scope="col">Kind</th>
            <th scope="col">Words</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => {
            const label = `revision-${r.number}`;
            return (
              <tr key={r.id} data-testid={label}>
                <th scope="row" id={label}>
                  Revision {r.number}
                  {r.current ? (
                    <span className={`${styles.badge} ${styles.current}`}>Current</span>
                  ) : null}
                  {r.published ? (
                    <span className={`${styles.badge} ${styles.published}`}>Published</span>
                  ) : null}
                  {r.live ? (
                    <span className={`${styles.badge} ${styles.live}`}>Live now</span>
                  ) : null}
                  <div className="meta" dir="auto" data-testid="revision-headline">
                    {r.headline}
                  </div>
                </th>
                <td>{r.by}</td>
                <td>
                  <time dateTime={r.createdAt.toISOString()}>{utcStamp(r.createdAt)}</time>
                </td>
                <td>{KIND_LABELS[r.kind]}</td>
                <td>{r.wordCount.toLocaleString("en-GB")}</td>
                <td>
                  <div className={styles.actions}>
                    <Link href={`${revisionsPath(id)}/${r.number}`} aria-describedby={label}>
                      View
                    </Link>
                    {r.current ? null : (
                      <Link
                        href={comparePath(id, r.number, story.currentNumber)}
                        aria-describedby={label}
                      >
                        Compare with current
                      </Link>
                    )}
                    {!r.current && story.canRestore ? (
                      <RestoreRevisionButton
                        articleId={id}
                        revisionId={r.id}
                        number={r.number}
                        baseVersion={story.version}
                        describedBy={label}
                      />
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
