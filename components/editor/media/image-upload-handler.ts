"use client";

import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { type FigureAttrs, imageFiles, type UploadOutcome, uploadImage } from "./upload-image";

export type ImageUploadHandlerOptions = {
  /** Uploads one file; defaults to POST /api/media. */
  upload: (file: File) => Promise<UploadOutcome>;
  /** Called with a message a person can act on when an upload is refused or fails. */
  onError: (message: string, file: File) => void;
  /** Called after a figure was inserted (e.g. to move focus to its alt text). */
  onInserted?: (attrs: FigureAttrs) => void;
};

type Meta = { add?: { id: object; pos: number; name: string } } | { remove?: { id: object } };

const key = new PluginKey<DecorationSet>("imageUploadHandler");
/** At most this many images from one paste or drop. */
const MAX_FILES = 10;

function placeholder(name: string): HTMLElement {
  const el = document.createElement("span");
  el.className = "image-upload-placeholder";
  el.setAttribute("role", "status");
  el.textContent = `Uploading ${name}…`;
  el.style.cssText =
    "display:inline-block;padding:0.2rem 0.5rem;border:1px dashed currentColor;border-radius:4px;font-size:0.85rem;";
  return el;
}

function findPlaceholder(view: EditorView, id: object): number | null {
  const set = key.getState(view.state);
  const found = set?.find(undefined, undefined, (spec) => spec.id === id)[0];
  return found ? found.from : null;
}

/**
 * Editor-only (never part of lib/content): image files pasted or dropped into the body are
 * uploaded, a placeholder marks where each will go (and moves with the text typed
 * meanwhile), then a figure is inserted there with empty alt text, which FigureView flags
 * and the submit check refuses until it is written.
 *
 *   ImageUploadHandler.configure({ onError: (message) => showMessage(message) })
 */
export const ImageUploadHandler = Extension.create<ImageUploadHandlerOptions>({
  name: "imageUploadHandler",

  addOptions() {
    return { upload: (file: File) => uploadImage(file), onError: () => {}, onInserted: undefined };
  },

  addProseMirrorPlugins() {
    const editor = this.editor;
    const options = this.options;

    const start = (view: EditorView, files: File[], pos: number) => {
      for (const file of files.slice(0, MAX_FILES)) {
        const id = {};
        view.dispatch(view.state.tr.setMeta(key, { add: { id, pos, name: file.name || "image" } }));
        void options.upload(file).then(
          (outcome) => finish(view, id, file, outcome),
          () => finish(view, id, file, { ok: false, message: "The image could not be uploaded." }),
        );
      }
    };

    const finish = (view: EditorView, id: object, file: File, outcome: UploadOutcome) => {
      if (editor.isDestroyed) return;
      const pos = findPlaceholder(view, id);
      view.dispatch(view.state.tr.setMeta(key, { remove: { id } }));
      if (!outcome.ok) {
        options.onError(outcome.message, file);
        return;
      }
      if (pos === null) return; // the text around it was deleted meanwhile
      // Pasted and dropped images arrive with no alt text: FigureView flags them.
      const attrs: FigureAttrs = outcome.figure;
      // The writer may be typing elsewhere by now: insert without moving their cursor.
      editor.commands.insertContentAt(pos, { type: "figure", attrs }, { updateSelection: false });
      options.onInserted?.(attrs);
    };

    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            let next = set.map(tr.mapping, tr.doc);
            const meta = tr.getMeta(key) as Meta | undefined;
            if (meta && "add" in meta && meta.add) {
              const { id, pos, name } = meta.add;
              next = next.add(tr.doc, [Decoration.widget(pos, () => placeholder(name), { id })]);
            }
            if (meta && "remove" in meta && meta.remove) {
              const { id } = meta.remove;
              next = next.remove(next.find(undefined, undefined, (spec) => spec.id === id));
            }
            return next;
          },
        },
        props: {
          decorations(state) {
            return key.getState(state);
          },
          handlePaste(view, event) {
            const files = imageFiles(event.clipboardData?.files);
            if (files.length === 0 || !view.editable) return false;
            event.preventDefault();
            start(view, files, view.state.selection.from);
            return true;
          },
          handleDrop(view, event, _slice, moved) {
            if (moved) return false;
            const files = imageFiles(event.dataTransfer?.files);
            if (files.length === 0 || !view.editable) return false;
            event.preventDefault();
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
            start(view, files, at?.pos ?? view.state.selection.from);
            return true;
          },
        },
      }),
    ];
  },
});
