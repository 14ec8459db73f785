import Link from "next/link";
import { STATUS_LABELS } from "@/lib/workflow/states";
import type { StoryRow } from "@/server/articles/queries/story-lists";

export function StoryTable({ stories, empty }: { stories: StoryRow[]; empty: string }) {
  if (stories.length === 0) return <p>{empty}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Headline</th>
          <th scope="col">Section</th>
          <th scope="col">Status</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {stories.map((s) => (
          <tr key={s.id}>
            <td>
              <Link href={`/newsroom/articles/${s.id}`} dir="auto">
                {s.headline}
              </Link>
            </td>
            <td>{s.section}</td>
            <td>
              <span className="status-pill">{STATUS_LABELS[s.status]}</span>
            </td>
            <td>
              <time dateTime={s.updatedAt.toISOString()}>
                {s.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
