"use client";

import { useEffect, useRef, useState } from "react";

/** A modal for the note that goes back to the reporter with "Request changes". */
export function RequestChangesDialog({
  label,
  busy,
  onCancel,
  onSend,
}: {
  label: string;
  busy: boolean;
  onCancel: () => void;
  onSend: (note: string) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState("");
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="request-changes-title" onCancel={onCancel}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (note.trim()) onSend(note.trim());
        }}
      >
        <h2 id="request-changes-title">{label}</h2>
        <div className="field">
          <label htmlFor="note-to-reporter">Note to reporter</label>
          <textarea
            id="note-to-reporter"
            rows={5}
            required
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={busy || !note.trim()}>
          Send back
        </button>{" "}
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </form>
    </dialog>
  );
}
