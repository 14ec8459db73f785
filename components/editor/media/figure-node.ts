"use client";

import type { Editor } from "@tiptap/core";
import { ReactNodeViewRenderer } from "@tiptap/react";
import { Figure } from "@/lib/content/extensions";
import { FigureView } from "./figure-view";
import type { FigureAttrs } from "./upload-image";

/**
 * The shared `figure` node (lib/content) with FigureView as its editor view. Same name,
 * attributes and schema: only how it looks while editing changes. Use it in place of
 * `Figure` in the editor's extension list.
 */
export const FigureWithView = Figure.extend({
  addNodeView() {
    return ReactNodeViewRenderer(FigureView);
  },
});

/** Inserts a figure at the selection (what `InsertImageButton`'s `onInsert` should do). */
export function insertFigure(editor: Editor, attrs: FigureAttrs): boolean {
  return editor.chain().focus().insertContent({ type: "figure", attrs }).run();
}
