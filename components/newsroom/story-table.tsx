import Link from "next/link";
import { STATUS_LABELS } from "@/lib/workflow/states";
import type { StoryRow } from "@/server/articles/queries/story-lists";

const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function StoryTable({
  stories,
  empty,
  now = new Date(),
}: {
  stories: StoryRow[];
  empty: string;
  now?: Date;
}) {
  if (stories.length === 0) return <p>{empty}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Headline</th>
          <th scope="col">Section</th>
          <th scope="col">Status</th>
          <th scope="col">Deadline</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {stories.map((s) => {
          const overdue =
            s.deadline !== null &&
            s.deadline < now &&
            ["draft", "changes_requested"].includes(s.status);
          return (
            <tr key={s.id}>
              <td>
                <Link href={`/newsroom/articles/${s.id}`} dir="auto">
                  {s.headline}
                </Link>
              </td>
              <td>{s.section}</td>
              <td>
                <span className="status-pill">{STATUS_LABELS[s.status]}</span>
                {s.status === "published" && s.updateStatus === "in_review" ? (
                  <span className="status-pill"> Update in review</span>
                ) : null}
                {s.status === "scheduled" && s.scheduledFor ? (
                  <span className="meta"> for {stamp(s.scheduledFor)}</span>
                ) : null}
              </td>
              <td>
                {s.deadline ? (
                  <span className={overdue ? "overdue" : undefined}>
                    {overdue ? "Overdue · " : ""}
                    <time dateTime={s.deadline.toISOString()}>{stamp(s.deadline)}</time>
                  </span>
                ) : (
                  "—"
                )}
              </td>
              <td>
                <time dateTime={s.updatedAt.toISOString()}>{stamp(s.updatedAt)}</time>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
