import { notFound } from "next/navigation";
import { AssignmentForm } from "@/components/newsroom/assignment-form";
import { requireActor } from "@/server/auth/require-actor";
import { config } from "@/server/config";
import { can } from "@/server/policy";
import { listSections } from "@/server/sections/list-sections";
import { listAssignableStaff } from "@/server/users/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "New assignment" };

export default async function NewAssignmentPage() {
  const actor = await requireActor();
  if (!can(actor, "article.review")) notFound();
  const [sections, staff] = await Promise.all([listSections(), listAssignableStaff()]);
  return (
    <>
      <h1>New assignment</h1>
      <AssignmentForm
        sections={sections.map((s) => ({ id: s.id, name: s.name }))}
        staff={staff}
        timeZone={config().timeZone}
      />
    </>
  );
}
