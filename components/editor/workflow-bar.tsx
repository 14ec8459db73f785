"use client";

import { useState } from "react";
import { formatNewsroomTime } from "@/lib/time";
import { STATUS_LABELS } from "@/lib/workflow/states";
import type { EditorView, TransitionButton } from "@/server/articles/queries/editor-view";
import { RequestChangesDialog } from "./request-changes-dialog";
import { ScheduleDialog } from "./schedule-dialog";
import type { TransitionExtras } from "./transition-actions";

const UPDATE_LABEL = { editing: "Unpublished changes", in_review: "Update in review" } as const;

/**
 * The story's status and the workflow buttons the server says this person may press now.
 * "Publish update" comes with its optional correction, as the desk publishes it.
 */
export function WorkflowBar({
  view,
  busy,
  blocked,
  timeZone,
  onFire,
  children,
}: {
  view: EditorView | null;
  busy: boolean;
  blocked: boolean;
  timeZone: string;
  onFire: (t: TransitionButton, extras?: TransitionExtras) => Promise<boolean>;
  children?: React.ReactNode;
}) {
  const [dialog, setDialog] = useState<TransitionButton | null>(null);
  const [correctionKind, setCorrectionKind] = useState<"correction" | "clarification" | "update">(
    "correction",
  );
  const [correctionNote, setCorrectionNote] = useState("");
  const buttons = view?.transitions ?? [];
  const publishUpdate = buttons.find((t) => t.name === "publishUpdate");

  async function fire(t: TransitionButton, extras?: TransitionExtras) {
    if (await onFire(t, extras)) setDialog(null);
  }

  return (
    <>
      <div className="editor-bar">
        <span>
          Status:{" "}
          <strong data-testid="article-status">{STATUS_LABELS[view?.status ?? "draft"]}</strong>
          {view?.status === "published" && view.updateStatus ? (
            <span className="status-pill" style={{ marginLeft: "0.5rem" }}>
              {UPDATE_LABEL[view.updateStatus]}
            </span>
          ) : null}
          {view?.status === "scheduled" && view.scheduledFor ? (
            <span className="meta">
              {" "}
              for{" "}
              <time dateTime={view.scheduledFor}>
                {formatNewsroomTime(new Date(view.scheduledFor), timeZone)}
              </time>
            </span>
          ) : null}
        </span>
        {children}
        <span style={{ flex: 1 }} />
        {buttons
          .filter((t) => t.name !== "publishUpdate")
          .map((t) => (
            <button
              key={t.name}
              type="button"
              className={t.name === "publish" ? "primary" : undefined}
              disabled={busy || blocked}
              onClick={() => (t.requiresNote || t.requiresTime ? setDialog(t) : void fire(t))}
            >
              {t.label}
            </button>
          ))}
      </div>
      {publishUpdate ? (
        <section className="notice" aria-label="Publish update">
          <p>
            This story is live. Readers see the published version until you publish this update.
          </p>
          <div className="field">
            <label htmlFor="correction-kind">Correction type</label>
            <select
              id="correction-kind"
              value={correctionKind}
              onChange={(e) => setCorrectionKind(e.target.value as typeof correctionKind)}
            >
              <option value="correction">Correction</option>
              <option value="clarification">Clarification</option>
              <option value="update">Update</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="correction-note">Correction note</label>
            <textarea
              id="correction-note"
              rows={2}
              value={correctionNote}
              onChange={(e) => setCorrectionNote(e.target.value)}
            />
            <span className="hint">Optional. Shown to readers at the end of the story, dated.</span>
          </div>
          <button
            type="button"
            className="primary"
            disabled={busy || blocked}
            onClick={async () => {
              const ok = await onFire(publishUpdate, {
                correction: correctionNote.trim()
                  ? { kind: correctionKind, note: correctionNote.trim() }
                  : undefined,
              });
              if (ok) setCorrectionNote("");
            }}
          >
            Publish update
          </button>
        </section>
      ) : null}
      {dialog?.requiresNote ? (
        <RequestChangesDialog
          label={dialog.label}
          busy={busy}
          onCancel={() => setDialog(null)}
          onSend={(note) => void fire(dialog, { note })}
        />
      ) : null}
      {dialog?.requiresTime ? (
        <ScheduleDialog
          timeZone={timeZone}
          current={view?.scheduledFor ?? null}
          busy={busy}
          onCancel={() => setDialog(null)}
          onConfirm={(publishAt) => void fire(dialog, { publishAt })}
        />
      ) : null}
    </>
  );
}
