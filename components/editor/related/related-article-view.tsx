"use client";

import { type NodeViewProps, NodeViewWrapper } from "@tiptap/react";
import { useEffect, useState } from "react";
import { relatedStoryStatus } from "@/app/(newsroom)/newsroom/actions";

type Status = { headline: string; live: boolean } | null;

/**
 * A related-story node in the editor: the linked story's current headline, or a warning
 * when it is no longer published (readers then see nothing there).
 */
export function RelatedArticleView({ node, selected }: NodeViewProps) {
  const articleId = String(node.attrs.articleId ?? "");
  const [status, setStatus] = useState<Status>(null);

  useEffect(() => {
    let cancelled = false;
    relatedStoryStatus({ ids: [articleId] }).then(
      (result) => {
        if (!cancelled && result.ok) setStatus(result.data[0] ?? { headline: "", live: false });
      },
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [articleId]);

  return (
    <NodeViewWrapper
      as="aside"
      className={`related-node${selected ? " is-selected" : ""}`}
      data-related-article={articleId}
      contentEditable={false}
    >
      <span className="related-label">Related: </span>
      {status === null ? (
        <span className="meta">Loading…</span>
      ) : status.live ? (
        <span dir="auto">{status.headline}</span>
      ) : (
        <strong className="broken-link" role="note">
          Broken link: the linked story is not published, so readers will not see this.
        </strong>
      )}
    </NodeViewWrapper>
  );
}
