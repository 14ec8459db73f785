"use client";

import type { Extensions } from "@tiptap/core";
import { ReactNodeViewRenderer } from "@tiptap/react";
import { contentExtensions, RelatedArticle } from "@/lib/content/extensions";
import { RelatedArticleView } from "./related/related-article-view";

/**
 * The editor's extensions: the shared content schema (lib/content) with editor-only node
 * views layered on top. Node views change how a node looks while editing, never the schema.
 */
export function editorExtensions(): Extensions {
  return contentExtensions.map((ext) => {
    if (ext === RelatedArticle) {
      return RelatedArticle.extend({
        addNodeView() {
          return ReactNodeViewRenderer(RelatedArticleView);
        },
      });
    }
    return ext;
  });
}
