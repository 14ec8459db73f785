import { ArticleEditor } from "@/components/editor/article-editor";
import { requireActor } from "@/server/auth/require-actor";
import { config } from "@/server/config";
import { listSections } from "@/server/sections/list-sections";
import { listAssignableStaff } from "@/server/users/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "New article" };

export default async function NewArticlePage() {
  const actor = await requireActor();
  const sections = await listSections();
  return (
    <>
      <h1 className="visually-hidden">New article</h1>
      <ArticleEditor
        initial={null}
        sections={sections.map((s) => ({ id: s.id, name: s.name }))}
        timeZone={config().timeZone}
        userId={actor.id}
        staff={await listAssignableStaff()}
      />
    </>
  );
}
