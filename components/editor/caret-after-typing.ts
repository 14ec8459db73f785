import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";

/**
 * Keeps the caret after what was just typed.
 *
 * ProseMirror reads typed text back from the DOM and takes the caret from the DOM selection
 * at that moment. In Chromium, when a key follows Enter before the browser has delivered the
 * `selectionchange` of the new paragraph (a busy main thread, a fast typist), the first
 * character lands in the empty paragraph while the DOM caret still reads as before it. The
 * caret then stayed in front of that character: the rest of the line was typed before it and
 * the next Enter carried it on to the following paragraph, so "Council" became "ouncil" and a
 * stray "C" ended the story (issue 4, found by e2e under load).
 *
 * Typing at a collapsed caret always leaves the caret after the typed text, so when
 * ProseMirror's reading says otherwise it is corrected here. Composition (IME) input is left
 * alone: there the browser owns the caret until the composition ends.
 */
export const CaretAfterTyping = Extension.create({
  name: "caretAfterTyping",
  // Below the input rules (default 100): a Markdown shortcut that matched has already won.
  priority: 10,
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("caretAfterTyping"),
        props: {
          handleTextInput(view, from, to, text, deflt) {
            const { selection } = view.state;
            if (view.composing || from !== to || !selection.empty || selection.from !== from) {
              return false;
            }
            const tr = deflt();
            const end = from + text.length;
            if (tr.selection.empty && tr.selection.from === from && end <= tr.doc.content.size) {
              tr.setSelection(TextSelection.create(tr.doc, end));
            }
            view.dispatch(tr);
            return true;
          },
        },
      }),
    ];
  },
});
