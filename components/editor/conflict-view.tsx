"use client";

import { docToText } from "@/lib/content/text";
import type { DocJSON } from "@/lib/content/types";

export type ServerCopy = {
  version: number;
  headline: string;
  standfirst: string;
  dateline: string;
  source: string;
  sectionId: string | null;
  featuredMediaId?: string | null;
  body: unknown;
};

type Side = Omit<ServerCopy, "version" | "body"> & { body: DocJSON };

function Column({ title, side, sectionName }: { title: string; side: Side; sectionName: string }) {
  return (
    <div style={{ flex: 1, minWidth: 0 }}>
      <h3>{title}</h3>
      <dl>
        <dt>Headline</dt>
        <dd dir="auto">{side.headline}</dd>
        <dt>Standfirst</dt>
        <dd dir="auto">{side.standfirst || "—"}</dd>
        <dt>Section</dt>
        <dd>{sectionName}</dd>
      </dl>
      <div className="conflict-text" dir="auto">
        {docToText(side.body)}
      </div>
    </div>
  );
}

/**
 * Two saves from different versions: both texts side by side and a choice. Nothing is lost
 * either way — the other version is a saved revision, and "Keep mine" saves a new one.
 */
export function ConflictView({
  mine,
  theirs,
  sections,
  onKeepMine,
  onTakeTheirs,
}: {
  mine: Side;
  theirs: ServerCopy;
  sections: { id: string; name: string }[];
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const name = (id: string | null) => sections.find((s) => s.id === id)?.name ?? "—";
  const their: Side = { ...theirs, body: (theirs.body as DocJSON) ?? { type: "doc" } };
  return (
    <section className="notice conflict" aria-label="Save conflict">
      <h2 style={{ marginTop: 0 }}>Someone else saved this story while you were writing</h2>
      <p>
        Compare the two versions and choose. The one you do not keep stays in the revision history.
      </p>
      <div style={{ display: "flex", gap: "1.5rem", flexWrap: "wrap" }}>
        <Column title="Your version" side={mine} sectionName={name(mine.sectionId)} />
        <Column title="Their version" side={their} sectionName={name(their.sectionId)} />
      </div>
      <button type="button" className="primary" onClick={onKeepMine}>
        Keep my version
      </button>{" "}
      <button type="button" onClick={onTakeTheirs}>
        Use their version
      </button>
    </section>
  );
}
