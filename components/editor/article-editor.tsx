"use client";

import { EditorContent, useEditor } from "@tiptap/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { loadEditorView } from "@/app/(newsroom)/newsroom/actions";
import { Field } from "@/components/ui/field";
import { CONTENT_LIMITS } from "@/lib/content/limits";
import { countWords, readingMinutes } from "@/lib/content/text";
import { type DocJSON, EMPTY_DOC } from "@/lib/content/types";
import type { EditorView, TransitionButton } from "@/server/articles/queries/editor-view";
import type { PublicError } from "@/server/errors";
import { ConflictView, type ServerCopy } from "./conflict-view";
import { editorExtensions } from "./editor-extensions";
import { type LocalDraft, readLocal } from "./local-drafts";
import { FeaturedImagePicker, InsertImageButton, insertFigure } from "./media";
import { wordListsToHtmlLists } from "./paste-word-lists";
import { RelatedArticleDialog } from "./related/related-article-dialog";
import { SlugField } from "./slug-field";
import { StoryMetadata } from "./story-metadata";
import { StorySidebar } from "./story-sidebar";
import { Toolbar } from "./toolbar";
import { TRANSITION_ACTIONS, type TransitionExtras } from "./transition-actions";
import { type SaveState, useAutosave } from "./use-autosave";
import { useEditLock } from "./use-edit-lock";
import { WorkflowBar } from "./workflow-bar";
import "./prosemirror.css";

type Section = { id: string; name: string };
type Fields = {
  headline: string;
  standfirst: string;
  dateline: string;
  source: string;
  sectionId: string;
  featuredMediaId: string | null;
  seoTitle: string;
  seoDescription: string;
};

const SAVE_LABEL: Record<SaveState, string> = {
  saved: "Saved",
  saving: "Saving…",
  unsaved: "Unsaved changes",
  offline: "Offline",
  too_large: "Unsaved changes (too large to save)",
};

/** The form's fields from a copy of the story (the server's, this browser's, a conflict's). */
function fieldsFromCopy(copy: Partial<Nullable<Fields>> | null, fallbackSectionId: string): Fields {
  return {
    headline: copy?.headline ?? "",
    standfirst: copy?.standfirst ?? "",
    dateline: copy?.dateline ?? "",
    source: copy?.source ?? "",
    sectionId: copy?.sectionId ?? fallbackSectionId,
    featuredMediaId: copy?.featuredMediaId ?? null,
    seoTitle: copy?.seoTitle ?? "",
    seoDescription: copy?.seoDescription ?? "",
  };
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

/**
 * The story editor. What is typed lives here and in the browser's IndexedDB until the
 * server has it; a refused save (conflict, validation, network) never discards a word.
 */
export function ArticleEditor({
  initial,
  sections,
  timeZone,
  userId,
  staff,
}: {
  initial: EditorView | null;
  sections: Section[];
  timeZone: string;
  userId: string;
  staff: { id: string; name: string; role: string }[];
}) {
  const [view, setView] = useState<EditorView | null>(initial);
  const [fields, setFields] = useState<Fields>(() =>
    fieldsFromCopy(initial, sections[0]?.id ?? ""),
  );
  const [message, setMessage] = useState<PublicError | null>(null);
  const [conflict, setConflict] = useState<ServerCopy | null>(null);
  const [busy, setBusy] = useState(false);
  const [relatedOpen, setRelatedOpen] = useState(false);
  const [words, setWords] = useState(initial?.wordCount ?? 0);
  const [offer, setOffer] = useState<LocalDraft | null>(null);
  /** This browser's store has been asked for a kept copy (tests wait on it, as on `offer`). */
  const [localChecked, setLocalChecked] = useState(false);
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;
  const dirtyRef = useRef<() => void>(() => {});
  const countTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const canEdit = view ? view.canEdit : true;
  const lock = useEditLock(view?.id ?? null, canEdit);
  const extensions = useMemo(
    () => editorExtensions((text) => setMessage({ code: "invalid", message: text })),
    [],
  );

  const editor = useEditor({
    extensions,
    content: initial?.body ?? EMPTY_DOC,
    immediatelyRender: false,
    // Tiptap's injected <style> would break the CSP; the same rules are in prosemirror.css.
    injectCSS: false,
    // Typing must not re-render React: toolbar state subscribes separately.
    shouldRerenderOnTransaction: false,
    editable: canEdit,
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": "Article body",
        spellcheck: "true",
      },
      transformPastedHTML: wordListsToHtmlLists,
    },
    onUpdate: () => dirtyRef.current(),
  });

  const collect = useCallback(
    () => ({
      ...fieldsRef.current,
      // ProseMirror builds node and mark attrs as null-prototype objects, which React's
      // server-action encoder sends as unreadable temporary references ("$T"): a heading or
      // a link made the whole save fail. A JSON round trip gives plain objects.
      body: JSON.parse(JSON.stringify(editor?.getJSON() ?? EMPTY_DOC)) as DocJSON,
    }),
    [editor],
  );

  const refreshView = useCallback(
    async (id?: string) => {
      const articleId = id ?? view?.id;
      if (!articleId) return;
      const result = await loadEditorView({ id: articleId });
      if (result.ok) {
        setView(result.data);
        editor?.setEditable(result.data.canEdit, false);
      }
    },
    [editor, view?.id],
  );

  const autosave = useAutosave({
    userId,
    initialId: initial?.id ?? null,
    initialVersion: initial?.version ?? 0,
    collect,
    onCreated: async (id) => {
      window.history.replaceState(null, "", `/newsroom/articles/${id}`);
      await refreshView(id);
    },
    onSaved: async (data) => {
      setMessage(null);
      // A new slug, or the first save to a live story (which starts an update and brings the
      // "Publish update" controls), changes what the page must show.
      if (
        view &&
        (data.slug !== view.slug || (view.status === "published" && !view.updateStatus))
      ) {
        await refreshView();
      }
    },
    onRefused: (error) => {
      setMessage(error);
      if (error.code === "conflict" && error.detail) setConflict(error.detail as ServerCopy);
    },
  });

  const markDirty = useCallback(() => {
    autosave.markDirty();
    if (countTimer.current) clearTimeout(countTimer.current);
    countTimer.current = setTimeout(() => {
      if (editor)
        setWords(countWords(editor.state.doc.textBetween(0, editor.state.doc.content.size, " ")));
    }, 500);
  }, [autosave, editor]);
  dirtyRef.current = markDirty;

  // Opening a story: what the server sent counts as saved; a newer copy kept in this
  // browser (after a crash, a reload or a lost connection) is offered back.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the editor exists
  useEffect(() => {
    if (!editor) return;
    autosave.markSaved();
    void readLocal(userId, initial?.id ?? null).then((local) => {
      if (local && JSON.stringify(local.payload) !== JSON.stringify(collect())) setOffer(local);
      setLocalChecked(true);
    });
  }, [editor]);

  function restoreLocal() {
    if (!offer || !editor) return;
    const p = offer.payload as Partial<Fields> & { body: DocJSON };
    const next = fieldsFromCopy(p, fields.sectionId);
    setFields(next);
    fieldsRef.current = next;
    editor.commands.setContent(p.body ?? EMPTY_DOC, { emitUpdate: false });
    setOffer(null);
    markDirty();
  }

  function setField<K extends keyof Fields>(name: K, value: Fields[K]) {
    setFields((f) => ({ ...f, [name]: value }));
    fieldsRef.current = { ...fieldsRef.current, [name]: value };
    markDirty();
  }

  async function fire(t: TransitionButton, extras: TransitionExtras = {}): Promise<boolean> {
    const id = autosave.articleId();
    if (!id || !view) return false;
    setBusy(true);
    try {
      if (canEdit && !(await autosave.save("manual"))) return false;
      const result = await TRANSITION_ACTIONS[t.name]({ id, fromStatus: view.status, ...extras });
      setMessage(result.ok ? null : result.error);
      await refreshView(id);
      return result.ok;
    } finally {
      setBusy(false);
    }
  }

  function keepMine() {
    if (!conflict) return;
    autosave.rebase(conflict.version);
    setConflict(null);
    setMessage(null);
    void autosave.save("manual");
  }

  function takeTheirs() {
    if (!conflict || !editor) return;
    // The conflict copy carries no SEO fields: ours stay.
    const next = fieldsFromCopy(
      {
        ...conflict,
        seoTitle: fieldsRef.current.seoTitle,
        seoDescription: fieldsRef.current.seoDescription,
      },
      fields.sectionId,
    );
    setFields(next);
    fieldsRef.current = next;
    editor.commands.setContent((conflict.body as object) ?? EMPTY_DOC, { emitUpdate: false });
    autosave.markSaved(conflict.version);
    setConflict(null);
    setMessage(null);
  }

  const fieldErrors = message?.fields ?? {};

  return (
    <div data-local-copy={offer ? "offered" : localChecked ? "none" : "checking"}>
      <WorkflowBar view={view} busy={busy} blocked={!!conflict} timeZone={timeZone} onFire={fire}>
        <span role="status" className="save-state" data-state={autosave.state}>
          {SAVE_LABEL[autosave.state]}
        </span>
        {canEdit ? (
          <button type="button" onClick={() => void autosave.save("manual")} disabled={busy}>
            Save
          </button>
        ) : null}
        {view ? (
          <>
            <a
              className="button"
              href={`/newsroom/articles/${view.id}/preview`}
              target="_blank"
              rel="noopener"
            >
              Preview
            </a>
            <a className="button" href={`/newsroom/articles/${view.id}/revisions`}>
              Revisions
            </a>
          </>
        ) : null}
      </WorkflowBar>

      {offer ? (
        <section className="notice" aria-label="Unsaved changes found">
          <strong>This browser kept changes you had not saved</strong> (from{" "}
          {offer.savedAt.slice(0, 16).replace("T", " ")} UTC).{" "}
          <button type="button" onClick={restoreLocal}>
            Restore them
          </button>{" "}
          <button type="button" onClick={() => setOffer(null)}>
            Keep the saved version
          </button>
        </section>
      ) : null}

      {message && message.code !== "conflict" ? (
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
          a conflict if they changed the story.{" "}
          <button type="button" onClick={() => void lock.takeOver()}>
            Take over
          </button>
        </section>
      ) : null}

      {conflict && editor ? (
        <ConflictView
          mine={{ ...fields, body: editor.getJSON() as DocJSON }}
          theirs={conflict}
          sections={sections}
          onKeepMine={keepMine}
          onTakeTheirs={takeTheirs}
        />
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
            hint={`${fields.headline.length}/${CONTENT_LIMITS.headlineMax} characters`}
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
            hint={`${fields.standfirst.length}/${CONTENT_LIMITS.standfirstMax} characters`}
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
            <span style={{ fontWeight: 600, fontSize: "0.9rem" }}>Body</span>
            {editor ? (
              <Toolbar
                editor={editor}
                disabled={!canEdit}
                onInsertRelated={() => setRelatedOpen(true)}
                imageButton={
                  <InsertImageButton
                    onInsert={(attrs) => insertFigure(editor, attrs)}
                    disabled={!canEdit}
                  />
                }
              />
            ) : null}
            <div className="body-editor">
              <EditorContent editor={editor} />
            </div>
            <span className="hint">
              {words} words · {readingMinutes(words)} min read
            </span>
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
          <SlugField
            articleId={view?.id ?? null}
            slug={view?.slug ?? ""}
            manual={view?.slugManual ?? false}
            live={view?.isLive ?? false}
            disabled={!canEdit}
            onChange={() => void refreshView()}
          />
          <FeaturedImagePicker
            mediaId={fields.featuredMediaId}
            onChange={(id) => setField("featuredMediaId", id)}
          />
          <Field id="seo-title" label="SEO title" hint="Optional; the headline is used when empty.">
            <input
              id="seo-title"
              value={fields.seoTitle}
              maxLength={120}
              readOnly={!canEdit}
              onChange={(e) => setField("seoTitle", e.target.value)}
            />
          </Field>
          <Field
            id="seo-description"
            label="SEO description"
            hint="Optional; the standfirst is used when empty."
          >
            <textarea
              id="seo-description"
              rows={2}
              value={fields.seoDescription}
              maxLength={300}
              readOnly={!canEdit}
              onChange={(e) => setField("seoDescription", e.target.value)}
            />
          </Field>
          {view ? (
            <>
              <StoryMetadata
                view={view}
                staff={staff}
                disabled={!canEdit}
                onChange={() => void refreshView()}
              />
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

      {relatedOpen && editor ? (
        <RelatedArticleDialog
          onClose={() => setRelatedOpen(false)}
          onPick={(articleId) => {
            // Just after an inserted image the image is selected: insert after it, never
            // over it.
            const { selection } = editor.state;
            const node = { type: "relatedArticle", attrs: { articleId } };
            const chain = editor.chain().focus();
            ("node" in selection
              ? chain.insertContentAt(selection.to, node)
              : chain.insertContent(node)
            ).run();
            setRelatedOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}
