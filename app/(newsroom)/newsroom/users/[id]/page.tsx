import Link from "next/link";
import { notFound } from "next/navigation";
import { StaffControls } from "@/components/newsroom/staff-controls";
import { requireActor } from "@/server/auth/require-actor";
import { config } from "@/server/config";
import { can } from "@/server/policy";
import { getStaffMember } from "@/server/users/queries-staff-member";

export const dynamic = "force-dynamic";
export const metadata = { title: "Staff member" };

export default async function StaffMemberPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "user.manage")) notFound();
  const member = await getStaffMember(actor, (await params).id);
  if (!member) notFound();
  const when = (d: Date | null) =>
    d
      ? new Intl.DateTimeFormat("en-GB", {
          dateStyle: "medium",
          timeStyle: "short",
          timeZone: config().timeZone,
        }).format(d)
      : "Never";
  return (
    <>
      <p>
        <Link href="/newsroom/users">← Staff</Link>
      </p>
      <h1 dir="auto">{member.name}</h1>
      <dl className="staff-facts">
        <dt>Email</dt>
        <dd>{member.email}</dd>
        <dt>Current role</dt>
        <dd data-testid="staff-role">{member.role}</dd>
        <dt>Status</dt>
        <dd data-testid="staff-status">{member.active ? "Active" : "Deactivated"}</dd>
        <dt>Joined</dt>
        <dd>{when(member.createdAt)}</dd>
        <dt>Last signed in</dt>
        <dd>{when(member.lastSignInAt)}</dd>
      </dl>
      {member.id === actor.id ? (
        <p className="notice">
          This is your own account. Changing your role or deactivating it ends your session.
        </p>
      ) : null}
      <StaffControls
        member={{ id: member.id, name: member.name, role: member.role, active: member.active }}
      />
      <p>
        <Link href={`/newsroom/audit?actor=${member.id}`}>Audit log of what {member.name} did</Link>
      </p>
    </>
  );
}
