"use client";

import { EditorContent, useEditor } from "@tiptap/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { createArticle, loadEditorView, saveArticle } from "@/app/(newsroom)/newsroom/actions";
import { Field } from "@/components/ui/field";
import { contentExtensions } from "@/lib/content/extensions";
import { CONTENT_LIMITS } from "@/lib/content/limits";
import { EMPTY_DOC } from "@/lib/content/types";
import type { EditorView, TransitionButton } from "@/server/articles/queries/editor-view";
import type { PublicError, Result } from "@/server/errors";
import { StorySidebar } from "./story-sidebar";
import { Toolbar } from "./toolbar";
import { TRANSITION_ACTIONS, type TransitionExtras } from "./transition-actions";
import { useEditLock } from "./use-edit-lock";
import { WorkflowBar } from "./workflow-bar";

type Section = { id: string; name: string };
type Fields = {
  headline: string;
  standfirst: string;
  dateline: string;
  source: string;
  sectionId: string;
};
type SaveState = "saved" | "saving" | "unsaved" | "offline";
type ServerCopy = Fields & { version: number; body: unknown };

const SAVE_LABEL: Record<SaveState, string> = {
  saved: "Saved",
  saving: "Saving…",
  unsaved: "Unsaved changes",
  offline: "Offline",
};
const AUTOSAVE_MS = 1_500;

function initialFields(view: EditorView | null, sections: Section[]): Fields {
  return {
    headline: view?.headline ?? "",
    standfirst: view?.standfirst ?? "",
    dateline: view?.dateline ?? "",
    source: view?.source ?? "",
    sectionId: view?.sectionId ?? sections[0]?.id ?? "",
  };
}

/**
 * The story editor. Content lives here, in the browser, until the server has it: saves are
 * serialised (one in flight, the latest queued), an unchanged story is not re-sent, and a
 * refused save (conflict, validation, network) never discards what was typed.
 */
export function ArticleEditor({
  initial,
  sections,
  timeZone,
}: {
  initial: EditorView | null;
  sections: Section[];
  timeZone: string;
}) {
  const [view, setView] = useState<EditorView | null>(initial);
  const [fields, setFields] = useState<Fields>(() => initialFields(initial, sections));
  const [saveState, setSaveState] = useState<SaveState>(initial ? "saved" : "unsaved");
  const [message, setMessage] = useState<PublicError | null>(null);
  const [conflict, setConflict] = useState<ServerCopy | null>(null);
  const [busy, setBusy] = useState(false);

  const idRef = useRef<string | null>(initial?.id ?? null);
  const versionRef = useRef<number>(initial?.version ?? 0);
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;
  const lastSavedRef = useRef<string | null>(null);
  const inFlightRef = useRef<Promise<boolean> | null>(null);
  const queuedRef = useRef(false);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirtyRef = useRef<() => void>(() => {});

  const canEdit = view ? view.canEdit : true;
  const lock = useEditLock(view?.id ?? null, canEdit);

  const editor = useEditor({
    extensions: contentExtensions,
    content: initial?.body ?? EMPTY_DOC,
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    editable: canEdit,
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": "Article body",
        spellcheck: "true",
      },
    },
    onUpdate: () => dirtyRef.current(),
  });

  const payload = useCallback(() => {
    const body = editor?.getJSON() ?? EMPTY_DOC;
    return { ...fieldsRef.current, body };
  }, [editor]);

  // The first render's content counts as saved, so opening a story does not re-save it.
  useEffect(() => {
    if (editor && initial && lastSavedRef.current === null) {
      lastSavedRef.current = JSON.stringify(payload());
    }
  }, [editor, initial, payload]);

  const refreshView = useCallback(async () => {
    if (!idRef.current) return;
    const result = await loadEditorView({ id: idRef.current });
    if (result.ok) {
      setView(result.data);
      editor?.setEditable(result.data.canEdit, false);
    }
  }, [editor]);

  const saveOnce = useCallback(
    async (kind: "autosave" | "manual"): Promise<boolean> => {
      const data = payload();
      const key = JSON.stringify(data);
      if (idRef.current && key === lastSavedRef.current) {
        setSaveState("saved");
        return true;
      }
      if (!data.headline.trim()) {
        if (kind === "manual") {
          setMessage({
            code: "invalid",
            message: "A headline is required.",
            fields: { headline: "A headline is required." },
          });
        }
        return false;
      }
      setSaveState("saving");
      try {
        if (!idRef.current) {
          const result = await createArticle(data);
          if (!result.ok) return fail(result.error);
          idRef.current = result.data.id;
          versionRef.current = result.data.version;
          lastSavedRef.current = key;
          window.history.replaceState(null, "", `/newsroom/articles/${result.data.id}`);
          await refreshView();
        } else {
          const result = await saveArticle({
            id: idRef.current,
            baseVersion: versionRef.current,
            kind,
            ...data,
          });
          if (!result.ok) {
            if (result.error.code === "conflict" && result.error.detail) {
              setConflict(result.error.detail as ServerCopy);
            }
            return fail(result.error);
          }
          versionRef.current = result.data.version;
          lastSavedRef.current = key;
          if (view && result.data.slug !== view.slug) await refreshView();
        }
        setMessage(null);
        // Typing may have continued while the request was in flight.
        setSaveState(JSON.stringify(payload()) === key ? "saved" : "unsaved");
        return true;
      } catch {
        setSaveState(typeof navigator !== "undefined" && !navigator.onLine ? "offline" : "unsaved");
        setMessage({
          code: "unavailable",
          message:
            "Could not reach the newsroom server. Your text is kept here; it will be saved when the connection returns.",
        });
        return false;
      }
      function fail(error: PublicError) {
        setSaveState("unsaved");
        setMessage(error);
        return false;
      }
    },
    [payload, refreshView, view],
  );

  /** Serialises saves from this tab: one request at a time, the newest state queued. */
  const save = useCallback(
    (kind: "autosave" | "manual"): Promise<boolean> => {
      if (timerRef.current) clearTimeout(timerRef.current);
      if (inFlightRef.current) {
        queuedRef.current = true;
        return inFlightRef.current.then(() => save(kind));
      }
      const run = saveOnce(kind).finally(() => {
        inFlightRef.current = null;
      });
      inFlightRef.current = run;
      return run;
    },
    [saveOnce],
  );

  const markDirty = useCallback(() => {
    setSaveState((s) => (s === "offline" ? s : "unsaved"));
    if (timerRef.current) clearTimeout(timerRef.current);
    timerRef.current = setTimeout(() => {
      if (!conflict) void save("autosave");
    }, AUTOSAVE_MS);
  }, [save, conflict]);
  dirtyRef.current = markDirty;

  useEffect(() => {
    const onOnline = () => void save("autosave");
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (JSON.stringify(payload()) !== lastSavedRef.current) e.preventDefault();
    };
    window.addEventListener("online", onOnline);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [save, payload]);

  function setField(name: keyof Fields, value: string) {
    setFields((f) => ({ ...f, [name]: value }));
    markDirty();
  }

  async function fire(t: TransitionButton, extras: TransitionExtras = {}): Promise<boolean> {
    if (!idRef.current || !view) return false;
    setBusy(true);
    try {
      if (canEdit && !(await save("manual"))) return false;
      const result = await TRANSITION_ACTIONS[t.name]({
        id: idRef.current,
        fromStatus: view.status,
        ...extras,
      });
      setMessage(result.ok ? null : result.error);
      await refreshView();
      return result.ok;
    } finally {
      setBusy(false);
    }
  }

  function keepMine() {
    if (!conflict) return;
    versionRef.current = conflict.version;
    setConflict(null);
    void save("manual");
  }

  function takeTheirs() {
    if (!conflict) return;
    versionRef.current = conflict.version;
    const next: Fields = {
      headline: conflict.headline,
      standfirst: conflict.standfirst,
      dateline: conflict.dateline,
      source: conflict.source,
      sectionId: conflict.sectionId,
    };
    setFields(next);
    fieldsRef.current = next;
    editor?.commands.setContent(conflict.body as object, { emitUpdate: false });
    lastSavedRef.current = JSON.stringify(payload());
    setConflict(null);
    setSaveState("saved");
    setMessage(null);
  }

  const fieldErrors = message?.fields ?? {};

  return (
    <div>
      <WorkflowBar view={view} busy={busy} blocked={!!conflict} timeZone={timeZone} onFire={fire}>
        <span role="status" className="save-state" data-state={saveState}>
          {SAVE_LABEL[saveState]}
        </span>
        {canEdit ? (
          <button type="button" onClick={() => void save("manual")} disabled={busy}>
            Save
          </button>
        ) : null}
      </WorkflowBar>

      {message ? (
        <div role="alert" className="notice error">
          {message.message}
        </div>
      ) : null}

      {lock.otherEditor ? (
        <section className="notice" aria-label="Someone else is editing">
          <strong>{lock.otherEditor} is editing.</strong> You can still type and save: if you both
          change it, the later save shows both versions to choose from.{" "}
          <button type="button" onClick={() => void lock.takeOver()}>
            Take over
          </button>
        </section>
      ) : null}
      {lock.lostTo ? (
        <section className="notice" aria-label="Editing taken over">
          <strong>{lock.lostTo} took over editing.</strong> Your text is kept here; saving will show
          a conflict if they changed the story.
        </section>
      ) : null}
      {conflict ? (
        <section className="notice" aria-label="Save conflict">
          <p>
            <strong>Someone else saved this story while you were writing.</strong> Your version is
            still in the editor. Their headline: “<span dir="auto">{conflict.headline}</span>”.
          </p>
          <button type="button" onClick={keepMine}>
            Keep my version
          </button>{" "}
          <button type="button" onClick={takeTheirs}>
            Use their version
          </button>
        </section>
      ) : null}

      {view?.changesNote && view.status === "changes_requested" ? (
        <section className="notice" aria-label="Changes requested">
          <strong>Changes requested by {view.changesNote.by}:</strong>{" "}
          <span style={{ whiteSpace: "pre-wrap" }}>{view.changesNote.note}</span>
        </section>
      ) : null}

      <div className="editor-layout">
        <div>
          <Field
            id="headline"
            label="Headline"
            error={fieldErrors.headline}
            hint={`${fields.headline.length}/${CONTENT_LIMITS.headlineMax}`}
          >
            <input
              id="headline"
              dir="auto"
              value={fields.headline}
              maxLength={CONTENT_LIMITS.headlineMax}
              readOnly={!canEdit}
              onChange={(e) => setField("headline", e.target.value)}
            />
          </Field>
          <Field
            id="standfirst"
            label="Standfirst"
            error={fieldErrors.standfirst}
            hint={`${fields.standfirst.length}/${CONTENT_LIMITS.standfirstMax}`}
          >
            <textarea
              id="standfirst"
              dir="auto"
              rows={2}
              value={fields.standfirst}
              maxLength={CONTENT_LIMITS.standfirstMax}
              readOnly={!canEdit}
              onChange={(e) => setField("standfirst", e.target.value)}
            />
          </Field>
          <div className="field">
            <span id="body-label" style={{ fontWeight: 600, fontSize: "0.9rem" }}>
              Body
            </span>
            {editor ? <Toolbar editor={editor} disabled={!canEdit} /> : null}
            <div className="body-editor">
              <EditorContent editor={editor} />
            </div>
            {fieldErrors.body ? <span className="error">{fieldErrors.body}</span> : null}
          </div>
        </div>
        <aside className="side-panel" aria-label="Story details">
          <Field
            id="dateline"
            label="Dateline"
            error={fieldErrors.dateline}
            hint="e.g. LONDON (Agency)"
          >
            <input
              id="dateline"
              value={fields.dateline}
              readOnly={!canEdit}
              onChange={(e) => setField("dateline", e.target.value)}
            />
          </Field>
          <Field id="section" label="Section" error={fieldErrors.sectionId}>
            <select
              id="section"
              value={fields.sectionId}
              disabled={!canEdit}
              onChange={(e) => setField("sectionId", e.target.value)}
            >
              {sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="source" label="Source" error={fieldErrors.source}>
            <input
              id="source"
              value={fields.source}
              readOnly={!canEdit}
              onChange={(e) => setField("source", e.target.value)}
            />
          </Field>
          {view ? (
            <>
              <p>
                Bylines: <span dir="auto">{view.authors.join(", ")}</span>
              </p>
              <p>
                Public address: <code data-testid="public-path">{view.publicPath}</code>
                {view.isLive ? (
                  <>
                    {" "}
                    (<a href={view.publicPath}>view live</a>)
                  </>
                ) : null}
              </p>
              {view.deadline ? (
                <p>
                  Deadline:{" "}
                  <time dateTime={view.deadline}>
                    {view.deadline.slice(0, 16).replace("T", " ")} UTC
                  </time>
                </p>
              ) : null}
              {view.brief ? (
                <p style={{ whiteSpace: "pre-wrap" }}>
                  <strong>Brief:</strong> {view.brief}
                </p>
              ) : null}
              <StorySidebar view={view} onChange={() => void refreshView()} />
            </>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
