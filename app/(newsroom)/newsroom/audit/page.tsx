import Link from "next/link";
import { notFound } from "next/navigation";
import { auditFilterOptions } from "@/server/audit-log/filter-options";
import { auditQueryString, parseAuditFilters } from "@/server/audit-log/filters";
import { listAuditEvents } from "@/server/audit-log/list-events";
import { requireActor } from "@/server/auth/require-actor";
import { config } from "@/server/config";
import { can } from "@/server/policy";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, "user.manage")) notFound();
  const { filters, problems } = parseAuditFilters(await searchParams);
  const [page, options] = await Promise.all([
    listAuditEvents(actor, filters),
    auditFilterOptions(actor),
  ]);
  if (!page || !options) notFound();
  const timeZone = config().timeZone;
  const format = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone,
  });

  return (
    <>
      <h1>Audit log</h1>
      <form
        method="get"
        action="/newsroom/audit"
        aria-label="Filter the audit log"
        style={{ display: "flex", flexWrap: "wrap", gap: "0 1rem", alignItems: "flex-end" }}
      >
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" name="action" defaultValue={filters.action ?? ""}>
            <option value="">Any action</option>
            {options.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">Actor</label>
          <select id="audit-actor" name="actor" defaultValue={filters.actorId ?? ""}>
            <option value="">Anyone</option>
            {options.staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-story">Story</label>
          <input
            id="audit-story"
            name="story"
            defaultValue={filters.story ?? ""}
            maxLength={200}
            aria-describedby="audit-story-hint"
          />
          <span className="hint" id="audit-story-hint">
            A story id or words from its headline.
          </span>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} />
        </div>
        <div className="field" style={{ flexDirection: "row", alignItems: "center", gap: "1rem" }}>
          <button type="submit" className="primary">
            Filter
          </button>
          <Link href="/newsroom/audit">Clear filters</Link>
        </div>
      </form>
      <p className="meta">Times and dates in {timeZone}.</p>
      {problems.length ? (
        <div className="notice error" role="alert">
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : null}

      {page.rows.length === 0 ? (
        <p>No audit entries match these filters.</p>
      ) : (
        <table className="table audit-table">
          <caption className="visually-hidden">Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Story or person</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <time dateTime={row.createdAt.toISOString()}>{format.format(row.createdAt)}</time>
                </td>
                <td dir="auto">{row.actorName ?? (row.actorId ? "Unknown user" : "—")}</td>
                <td>
                  <code>{row.action}</code>
                  {row.fromStatus || row.toStatus ? (
                    <div className="meta">
                      {row.fromStatus ?? "—"} → {row.toStatus ?? "—"}
                    </div>
                  ) : null}
                </td>
                <td dir="auto">
                  {row.articleId ? (
                    <Link href={`/newsroom/articles/${row.articleId}`}>
                      {row.headline ?? row.articleId}
                    </Link>
                  ) : (
                    (row.subjectName ?? "")
                  )}
                </td>
                <td dir="auto">
                  {row.note ? <div>{row.note}</div> : null}
                  {row.detail.length ? (
                    <div className="meta">
                      {row.detail.map(([k, v]) => `${k}: ${v}`).join(" · ")}
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <nav aria-label="Audit log pages" className="pager">
        {page.newer ? (
          <Link href={`/newsroom/audit${auditQueryString(filters, { after: page.newer })}`}>
            ← Newer entries
          </Link>
        ) : null}{" "}
        {page.older ? (
          <Link href={`/newsroom/audit${auditQueryString(filters, { before: page.older })}`}>
            Older entries →
          </Link>
        ) : null}
      </nav>
    </>
  );
}
