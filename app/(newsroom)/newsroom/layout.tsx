import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/newsroom/sign-out-button";
import { currentActor } from "@/server/auth/session";
import { pendingCommentCount } from "@/server/comments/queries/pending-count";
import { failFast } from "@/server/http/unavailable";
import { unreadCount } from "@/server/notifications/queries";
import { can } from "@/server/policy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: { default: "Newsroom", template: "%s · Newsroom" },
  robots: { index: false, follow: false },
};

export default async function NewsroomLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor().catch(failFast);
  if (!actor) redirect("/login");
  // An admin requires two-factor and this person has not set it up: nothing else until then.
  if (actor.twoFactorPending) redirect("/two-factor");
  const unread = await unreadCount(actor);
  const pendingComments = await pendingCommentCount(actor);
  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <header className="newsroom-header">
        <div className="wrap">
          <strong>
            <Link href="/newsroom">Newsroom</Link>
          </strong>
          <nav aria-label="Newsroom">
            <ul>
              <li>
                <Link href="/newsroom/articles/new">New article</Link>
              </li>
              {can(actor, "article.review") ? (
                <li>
                  <Link href="/newsroom/review">Review queue</Link>
                </li>
              ) : null}
              {pendingComments !== null ? (
                <li>
                  <Link href="/newsroom/comments">Comments ({pendingComments} pending)</Link>
                </li>
              ) : null}
              {can(actor, "user.manage") ? (
                <li>
                  <Link href="/newsroom/users">Staff</Link>
                </li>
              ) : null}
              {can(actor, "user.manage") ? (
                <li>
                  <Link href="/newsroom/audit">Audit log</Link>
                </li>
              ) : null}
              <li>
                <Link href="/newsroom/notifications">
                  Notifications{unread > 0 ? ` (${unread} unread)` : ""}
                </Link>
              </li>
              <li>
                <Link href="/newsroom/profile">Profile</Link>
              </li>
              <li>
                <Link href="/">Public site</Link>
              </li>
            </ul>
          </nav>
          <span className="who">
            {actor.name} · {actor.role}
          </span>
          <SignOutButton userId={actor.id} />
        </div>
      </header>
      <main id="main-content" className="wrap page">
        {children}
      </main>
    </>
  );
}
