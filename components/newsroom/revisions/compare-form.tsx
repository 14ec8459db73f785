import type { RevisionOption } from "@/server/articles/queries/revisions";
import { KIND_LABELS, revisionsPath, utcStamp } from "./format";
import styles from "./revisions.module.css";

/** Two revision choices and a GET submit: the comparison has a shareable URL. */
export function CompareForm({
  articleId,
  options,
  from,
  to,
}: {
  articleId: string;
  options: RevisionOption[];
  from: number;
  to: number;
}) {
  const choices = options.map((o) => (
    <option key={o.number} value={o.number}>
      {o.number} · {KIND_LABELS[o.kind]} · {utcStamp(o.createdAt)}
    </option>
  ));
  return (
    <form
      method="get"
      action={`${revisionsPath(articleId)}/compare`}
      className={styles.compareForm}
      aria-label="Compare two revisions"
    >
      <div className="field">
        <label htmlFor="compare-from">From revision</label>
        <select id="compare-from" name="from" defaultValue={String(from)}>
          {choices}
        </select>
      </div>
      <div className="field">
        <label htmlFor="compare-to">To revision</label>
        <select id="compare-to" name="to" defaultValue={String(to)}>
          {choices}
        </select>
      </div>
      <div className="field">
        <button type="submit">Compare</button>
      </div>
    </form>
  );
}
