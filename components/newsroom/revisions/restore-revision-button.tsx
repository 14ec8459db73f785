"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { restoreRevision } from "@/app/(newsroom)/newsroom/articles/[id]/revisions/actions";

/**
 * `Restore this version`, with a confirmation dialog. Restoring appends a new revision with
 * this one's content (nothing is lost: the text it replaces stays in the history), then opens
 * the editor on it.
 */
export function RestoreRevisionButton({
  articleId,
  revisionId,
  number,
  baseVersion,
  describedBy,
}: {
  articleId: string;
  revisionId: string;
  number: number;
  baseVersion: number;
  /** Id of the element naming the revision, so each button says which one it restores. */
  describedBy?: string;
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const result = await restoreRevision({ id: articleId, revisionId, baseVersion });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      dialog.current?.close();
      router.push(`/newsroom/articles/${articleId}`);
      router.refresh();
    } catch {
      setError("The server could not be reached. Nothing was changed; try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        aria-describedby={describedBy}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        Restore this version
      </button>
      <dialog ref={dialog} aria-labelledby={titleId}>
        <h2 id={titleId}>Restore revision {number}?</h2>
        <p>
          The story’s text and fields go back to revision {number}, saved as a new revision. The
          current text stays in the history, so you can restore it again. Bylines and tags stay as
          they are now.
        </p>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="button" className="primary" disabled={busy} onClick={confirm}>
          {busy ? "Restoring…" : "Restore"}
        </button>{" "}
        <button type="button" onClick={() => dialog.current?.close()}>
          Cancel
        </button>
      </dialog>
    </>
  );
}
