import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";

/** The part of prosemirror-view's (internal) DOM observer this module relies on. */
type DomObserver = { flush?: () => void };

/**
 * Brings ProseMirror's selection up to date with the browser's before a command reads it.
 *
 * ProseMirror learns that the caret moved from the document's `selectionchange` event, which
 * Chromium queues as an ordinary task while it runs input events first. On a busy main thread
 * (a slow laptop, a long story, CI under load) a key that moves the caret (Control+End,
 * Shift+ArrowLeft, a click) can therefore be followed by Enter, Control+B or a toolbar
 * command that still sees the old selection: a paragraph was split at the top of the story
 * instead of at its end, and a link went on nothing because the selected word was not yet
 * selected as far as the editor knew (issue 4, both found by e2e in CI).
 *
 * The browser's selection itself is always current; only the event is late. Flushing the
 * DOM observer reads it (and any pending DOM change) exactly as the late event would, and
 * the event, when it comes, finds nothing new.
 */
export function catchUpWithDom(view: EditorView): void {
  const observer = (view as unknown as { domObserver?: DomObserver }).domObserver;
  observer?.flush?.();
}

export const SelectionCatchUp = Extension.create({
  name: "selectionCatchUp",
  // Above every keymap (Tiptap's run at 100 to 1000): the key's command must see the caret
  // where the browser has it.
  priority: 10_000,
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("selectionCatchUp"),
        props: {
          handleKeyDown(view) {
            if (!view.composing) catchUpWithDom(view);
            return false;
          },
        },
      }),
    ];
  },
});
