import { notFound } from "next/navigation";
import { ArticleEditor } from "@/components/editor/article-editor";
import { getEditorView } from "@/server/articles/queries/editor-view";
import { requireActor } from "@/server/auth/require-actor";
import { config } from "@/server/config";
import { listSections } from "@/server/sections/list-sections";
import { listAssignableStaff } from "@/server/users/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Edit story" };

export default async function EditArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const [view, sections] = await Promise.all([getEditorView(actor, id), listSections()]);
  if (!view) notFound();
  return (
    <>
      <h1 className="visually-hidden">Edit story</h1>
      <ArticleEditor
        key={view.id}
        initial={view}
        sections={sections.map((s) => ({ id: s.id, name: s.name }))}
        timeZone={config().timeZone}
        userId={actor.id}
        staff={await listAssignableStaff()}
      />
    </>
  );
}
