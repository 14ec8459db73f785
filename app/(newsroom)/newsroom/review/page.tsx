import { notFound } from "next/navigation";
import { StoryTable } from "@/components/newsroom/story-table";
import {
  QUEUE_STATUSES,
  type QueueFilter,
  reviewQueue,
} from "@/server/articles/queries/story-lists";
import { requireActor } from "@/server/auth/require-actor";
import { can } from "@/server/policy";
import { listSections } from "@/server/sections/list-sections";

export const dynamic = "force-dynamic";
export const metadata = { title: "Review queue" };

const STATUS_NAMES: Record<(typeof QUEUE_STATUSES)[number], string> = {
  in_review: "In review",
  approved: "Approved",
  scheduled: "Scheduled",
  changes_requested: "Changes requested",
  update: "Update in review",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReviewQueuePage({ searchParams }: Props) {
  const actor = await requireActor();
  if (!can(actor, "article.review")) notFound();
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
  const sections = await listSections();
  const status = QUEUE_STATUSES.find((s) => s === one(params.status));
  const section = sections.find((s) => s.slug === one(params.section))?.slug;
  const sort = one(params.sort) === "deadline" ? "deadline" : "submitted";
  const filter: QueueFilter = { status, section, sort };
  return (
    <>
      <h1>Review queue</h1>
      <form
        method="get"
        className="filters"
        style={{ display: "flex", gap: "1rem", flexWrap: "wrap", alignItems: "end" }}
      >
        <div className="field">
          <label htmlFor="q-section">Filter by section</label>
          <select id="q-section" name="section" defaultValue={section ?? ""}>
            <option value="">All sections</option>
            {sections.map((s) => (
              <option key={s.id} value={s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q-status">Filter by status</label>
          <select id="q-status" name="status" defaultValue={status ?? ""}>
            <option value="">Waiting for a decision</option>
            {QUEUE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_NAMES[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q-sort">Sort by</label>
          <select id="q-sort" name="sort" defaultValue={sort}>
            <option value="submitted">Submission time</option>
            <option value="deadline">Deadline</option>
          </select>
        </div>
        <div className="field">
          <button type="submit">Apply</button>
        </div>
      </form>
      <StoryTable
        stories={await reviewQueue(actor, filter)}
        empty="Nothing is waiting for review."
      />
    </>
  );
}
