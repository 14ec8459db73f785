import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CompareForm } from "@/components/newsroom/revisions/compare-form";
import { KIND_LABELS, revisionsPath, utcStamp } from "@/components/newsroom/revisions/format";
import { RevisionDiffView } from "@/components/newsroom/revisions/revision-diff";
import {
  compareRevisions,
  type RevisionMeta,
  revisionNumber,
} from "@/server/articles/queries/revisions";
import { currentActor } from "@/server/auth/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Compare revisions" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function Side({
  label,
  meta,
  articleId,
}: {
  label: string;
  meta: RevisionMeta;
  articleId: string;
}) {
  return (
    <p>
      <strong>{label}:</strong>{" "}
      <Link href={`${revisionsPath(articleId)}/${meta.number}`}>Revision {meta.number}</Link>,{" "}
      {KIND_LABELS[meta.kind].toLowerCase()} by {meta.by},{" "}
      <time dateTime={meta.createdAt.toISOString()}>{utcStamp(meta.createdAt)}</time>
    </p>
  );
}

export default async function CompareRevisionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const query = await searchParams;
  // Absent numbers mean "the current revision and the one before"; malformed ones are 404.
  const parse = (raw: string | string[] | undefined) => {
    if (raw === undefined || raw === "") return { ok: true as const, value: null };
    const value = revisionNumber(raw);
    return value === null ? { ok: false as const } : { ok: true as const, value };
  };
  const from = parse(query.from);
  const to = parse(query.to);
  if (!from.ok || !to.ok) notFound();
  const actor = await currentActor();
  if (!actor) redirect("/login");
  const comparison = await compareRevisions(actor, id, from.value, to.value);
  if (!comparison) notFound();
  return (
    <>
      <p>
        <Link href={revisionsPath(id)}>Revision history</Link> ·{" "}
        <Link href={`/newsroom/articles/${id}`}>Back to the editor</Link>
      </p>
      <h1>
        Compare revisions {comparison.from.number} and {comparison.to.number}:{" "}
        <span dir="auto">{comparison.story.headline}</span>
      </h1>
      <CompareForm
        articleId={id}
        options={comparison.options}
        from={comparison.from.number}
        to={comparison.to.number}
      />
      <Side label="From" meta={comparison.from} articleId={id} />
      <Side label="To" meta={comparison.to} articleId={id} />
      <RevisionDiffView diff={comparison.diff} />
    </>
  );
}
