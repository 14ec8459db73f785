import { notFound } from "next/navigation";
import { SectionManager } from "@/components/sections/section-manager";
import { currentActor } from "@/server/auth/session";
import { can } from "@/server/policy";
import { listSections } from "@/server/sections/list-sections";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sections" };

export default async function SectionsPage() {
  const actor = await currentActor();
  if (!actor || !can(actor, "section.manage")) notFound();
  const sections = await listSections();
  return (
    <>
      <h1>Sections</h1>
      <p>
        The reader site’s navigation lists these sections in this order. A section’s address is
        fixed when it is created, so links to it keep working after a rename.
      </p>
      <SectionManager sections={sections} />
    </>
  );
}
