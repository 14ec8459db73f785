import Link from "next/link";
import { MarkAllReadButton } from "@/components/newsroom/mark-all-read-button";
import { requireActor } from "@/server/auth/require-actor";
import { listNotifications } from "@/server/notifications/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await requireActor();
  const items = await listNotifications(actor);
  const unread = items.some((n) => !n.readAt);
  return (
    <>
      <h1>Notifications</h1>
      {unread ? <MarkAllReadButton /> : null}
      {items.length === 0 ? <p>Nothing yet.</p> : null}
      <ul className="story-list">
        {items.map((n) => (
          <li key={n.id} style={{ fontWeight: n.readAt ? 400 : 700 }}>
            {n.articleId ? (
              <Link href={`/newsroom/articles/${n.articleId}`} dir="auto">
                {n.message}
              </Link>
            ) : (
              <span dir="auto">{n.message}</span>
            )}{" "}
            <span className="meta">
              {n.readAt ? "" : "Unread · "}
              <time dateTime={n.createdAt.toISOString()}>
                {n.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
              </time>
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
