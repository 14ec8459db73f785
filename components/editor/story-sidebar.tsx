"use client";

import { useState } from "react";
import { addNote, resolveNote } from "@/app/(newsroom)/newsroom/actions";
import type { EditorView } from "@/server/articles/queries/editor-view";

const when = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** The staff-only note thread and the story's history. Never part of any public page. */
export function StorySidebar({ view, onChange }: { view: EditorView; onChange: () => void }) {
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function add() {
    const result = await addNote({ id: view.id, body: note });
    if (!result.ok) return setError(result.error.message);
    setNote("");
    setError(null);
    onChange();
  }

  return (
    <>
      <section aria-labelledby="notes-title">
        <h2 id="notes-title" style={{ fontSize: "1.05rem" }}>
          Editorial notes
        </h2>
        {view.notes.length === 0 ? <p className="meta">No notes yet.</p> : null}
        <ul style={{ listStyle: "none", padding: 0 }}>
          {view.notes.map((n) => (
            <li key={n.id} style={{ marginBottom: "0.6rem", opacity: n.resolved ? 0.6 : 1 }}>
              <strong>{n.by}</strong>{" "}
              <span className="meta">
                {when(n.at)} UTC{n.kind === "changes_requested" ? " · changes requested" : ""}
                {n.resolved ? " · resolved" : ""}
              </span>
              <div style={{ whiteSpace: "pre-wrap" }} dir="auto">
                {n.body}
              </div>
              {!n.resolved ? (
                <button
                  type="button"
                  style={{ fontSize: "0.8rem", padding: "0.1rem 0.4rem" }}
                  onClick={async () => {
                    await resolveNote({ id: view.id, noteId: n.id });
                    onChange();
                  }}
                >
                  Resolve
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        <div className="field">
          <label htmlFor="new-note">Add a note</label>
          <textarea id="new-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        {error ? <p className="form-error">{error}</p> : null}
        <button type="button" disabled={!note.trim()} onClick={add}>
          Add note
        </button>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title" style={{ fontSize: "1.05rem", marginTop: "1.5rem" }}>
          History
        </h2>
        <ol style={{ paddingLeft: "1.2rem", fontSize: "0.85rem" }}>
          {view.history.map((h) => (
            <li key={h.id}>
              <strong>{h.by}</strong> {h.action.replaceAll("_", " ")}
              {h.from && h.to && h.from !== h.to ? ` (${h.from} → ${h.to})` : ""}{" "}
              <span className="meta">{when(h.at)} UTC</span>
              {h.note ? <div dir="auto">“{h.note}”</div> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
