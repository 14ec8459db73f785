"use client";

import type { Extensions } from "@tiptap/core";
import { ReactNodeViewRenderer } from "@tiptap/react";
import { contentExtensions, Figure, RelatedArticle } from "@/lib/content/extensions";
import { CaretAfterTyping } from "./caret-after-typing";
import { FigureWithView, ImageUploadHandler } from "./media";
import { RelatedArticleView } from "./related/related-article-view";
import { SelectionCatchUp } from "./selection-catch-up";

const RelatedWithView = RelatedArticle.extend({
  addNodeView() {
    return ReactNodeViewRenderer(RelatedArticleView);
  },
});

/**
 * The editor's extensions: the shared content schema (lib/content) with editor-only node
 * views and behaviour (image paste/drop upload) on top. None of it changes the schema.
 */
export function editorExtensions(onUploadError: (message: string) => void): Extensions {
  return [
    ...contentExtensions.map((ext) =>
      ext === RelatedArticle ? RelatedWithView : ext === Figure ? FigureWithView : ext,
    ),
    ImageUploadHandler.configure({ onError: (message) => onUploadError(message) }),
    CaretAfterTyping,
    SelectionCatchUp,
  ];
}
