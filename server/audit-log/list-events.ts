import "server-only";
import { and, asc, desc, eq, gt, gte, ilike, lt, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { articleRevisions, articles, users, workflowEvents } from "@/db/schema";
import { config } from "../config";
import { db } from "../db";
import { type Actor, can } from "../policy";
import { AUDIT_PAGE_SIZE, type AuditFilters } from "./filters";

export type AuditRow = {
  id: number;
  createdAt: Date;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
  /** Harmless detail fields as "key: value" pairs (never hashes, tokens or addresses). */
  detail: [string, string][];
  actorId: string | null;
  actorName: string | null;
  articleId: string | null;
  headline: string | null;
  subjectName: string | null;
};

export type AuditPage = { rows: AuditRow[]; older: number | null; newer: number | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Detail keys that could ever carry a secret or personal data are never shown. */
const HIDDEN = /hash|token|password|secret|cookie|email|^ip$/i;

function visibleDetail(detail: Record<string, unknown> | null): [string, string][] {
  if (!detail || typeof detail !== "object") return [];
  return Object.entries(detail)
    .filter(([key]) => !HIDDEN.test(key))
    .slice(0, 8)
    .map(([key, value]) => {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      return [key, (text ?? "").slice(0, 200)];
    });
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The newsroom-wide audit trail for admins, newest first, 50 to a page with keyset paging
 * on the event id (append-only and increasing). Anyone else gets nothing at all.
 */
export async function listAuditEvents(
  actor: Actor,
  filters: AuditFilters,
): Promise<AuditPage | null> {
  if (!can(actor, "user.manage")) return null;
  const actorUser = alias(users, "actor_user");
  const subject = alias(users, "subject_user");
  const tz = config().timeZone;

  const where: SQL[] = [];
  if (filters.action) where.push(eq(workflowEvents.action, filters.action));
  if (filters.actorId) where.push(eq(workflowEvents.actorId, filters.actorId));
  if (filters.story) {
    where.push(
      UUID.test(filters.story)
        ? eq(workflowEvents.articleId, filters.story)
        : ilike(articleRevisions.headline, `%${escapeLike(filters.story)}%`),
    );
  }
  if (filters.from) {
    where.push(
      gte(workflowEvents.createdAt, sql`(${filters.from}::date)::timestamp at time zone ${tz}`),
    );
  }
  if (filters.to) {
    where.push(
      lt(workflowEvents.createdAt, sql`((${filters.to}::date) + 1)::timestamp at time zone ${tz}`),
    );
  }
  const newerFirst = filters.after === undefined;
  if (filters.after !== undefined) where.push(gt(workflowEvents.id, filters.after));
  else if (filters.before !== undefined) where.push(lt(workflowEvents.id, filters.before));

  const rows = await (await db())
    .select({
      id: workflowEvents.id,
      createdAt: workflowEvents.createdAt,
      action: workflowEvents.action,
      fromStatus: workflowEvents.fromStatus,
      toStatus: workflowEvents.toStatus,
      note: workflowEvents.note,
      detail: workflowEvents.detail,
      actorId: workflowEvents.actorId,
      actorName: actorUser.name,
      articleId: workflowEvents.articleId,
      headline: articleRevisions.headline,
      subjectName: subject.name,
    })
    .from(workflowEvents)
    .leftJoin(actorUser, eq(actorUser.id, workflowEvents.actorId))
    .leftJoin(articles, eq(articles.id, workflowEvents.articleId))
    .leftJoin(articleRevisions, eq(articleRevisions.id, articles.workingRevisionId))
    .leftJoin(subject, sql`${subject.id}::text = ${workflowEvents.detail}->>'userId'`)
    .where(where.length ? and(...where) : undefined)
    .orderBy(newerFirst ? desc(workflowEvents.id) : asc(workflowEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1);

  const more = rows.length > AUDIT_PAGE_SIZE;
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  if (!newerFirst) page.reverse();
  const first = page[0]?.id ?? null;
  const last = page.at(-1)?.id ?? null;
  // Paging forward (older): more older rows exist when the query overflowed; newer ones
  // exist whenever we came from a cursor. Paging back (newer) is the mirror image.
  const older = newerFirst ? (more ? last : null) : last;
  const newer = newerFirst ? (filters.before !== undefined ? first : null) : more ? first : null;
  return {
    rows: page.map((r) => ({ ...r, detail: visibleDetail(r.detail ?? null) })),
    older,
    newer,
  };
}
