import { createElement, Fragment, type ReactNode } from "react";
import { parseMediaSrc, webpSrcSet } from "../media/variants";
import type { MarkJSON, NodeJSON } from "./types";
import { safeHref } from "./urls";

export type RelatedTeaser = { headline: string; href: string };

export type RenderOptions = {
  /** Leads the first paragraph, as in "LONDON (Agency) — ". */
  dateline?: string;
  /** Current published headline and URL of each related article; absent ⇒ render nothing. */
  related?: ReadonlyMap<string, RelatedTeaser>;
};

/**
 * Renders a validated story body to React elements for readers and for preview (the same
 * code for both, so preview is exact). Every element and attribute is chosen here from the
 * node type; nothing from the document is spread into the DOM, and hrefs are re-checked.
 */
export function renderDoc(doc: NodeJSON, options: RenderOptions = {}): ReactNode {
  const blocks = doc.content ?? [];
  const dateline = options.dateline?.trim();
  const out: ReactNode[] = [];
  let datelineUsed = !dateline;
  // Index keys are right here: a rendered document is static, never reordered in place.
  blocks.forEach((block, i) => {
    if (!datelineUsed && block.type === "paragraph") {
      datelineUsed = true;
      out.push(
        // biome-ignore lint/suspicious/noArrayIndexKey: static document, see above
        <p key={i}>
          <span className="dateline">{dateline} — </span>
          {renderChildren(block, options)}
        </p>,
      );
      return;
    }
    out.push(renderNode(block, options, i));
  });
  if (!datelineUsed) {
    out.unshift(
      <p key="dateline">
        <span className="dateline">{dateline} — </span>
      </p>,
    );
  }
  return out;
}

function renderChildren(node: NodeJSON, options: RenderOptions): ReactNode[] {
  return (node.content ?? []).map((child, i) => renderNode(child, options, i));
}

function renderNode(node: NodeJSON, options: RenderOptions, key: number): ReactNode {
  const children = () => renderChildren(node, options);
  switch (node.type) {
    case "paragraph":
      return <p key={key}>{children()}</p>;
    case "heading":
      return node.attrs?.level === 3 ? (
        <h3 key={key}>{children()}</h3>
      ) : (
        <h2 key={key}>{children()}</h2>
      );
    case "bulletList":
      return <ul key={key}>{children()}</ul>;
    case "orderedList": {
      const start = typeof node.attrs?.start === "number" ? node.attrs.start : 1;
      return (
        <ol key={key} start={start === 1 ? undefined : start}>
          {children()}
        </ol>
      );
    }
    case "listItem":
      return <li key={key}>{children()}</li>;
    case "blockquote":
      return <blockquote key={key}>{children()}</blockquote>;
    case "horizontalRule":
      return <hr key={key} />;
    case "hardBreak":
      return <br key={key} />;
    case "pullQuote": {
      const attribution = String(node.attrs?.attribution ?? "");
      return (
        <figure key={key} className="pull-quote">
          <blockquote>
            <p>{children()}</p>
          </blockquote>
          {attribution ? <figcaption>— {attribution}</figcaption> : null}
        </figure>
      );
    }
    case "figure":
      return renderFigure(node, key);
    case "relatedArticle": {
      const teaser = options.related?.get(String(node.attrs?.articleId));
      if (!teaser) return null;
      return (
        <aside key={key} className="related-story" aria-label="Related story">
          <span className="related-label">Related: </span>
          <a href={teaser.href}>{teaser.headline}</a>
        </aside>
      );
    }
    case "text":
      return renderText(node, key);
    default:
      // The validator refuses unknown types; render nothing rather than guess.
      return null;
  }
}

/** Story images are at most the column's width (see site.css); full width on phones. */
const FIGURE_SIZES = "(min-width: 46rem) 42rem, 100vw";

function renderFigure(node: NodeJSON, key: number): ReactNode {
  const a = node.attrs ?? {};
  const src = typeof a.src === "string" && a.src.startsWith("/media/") ? a.src : null;
  if (!src) return null;
  const caption = String(a.caption ?? "");
  const credit = String(a.credit ?? "");
  const width = typeof a.width === "number" ? a.width : undefined;
  const img = (
    <img
      src={src}
      alt={String(a.alt ?? "")}
      width={width}
      height={typeof a.height === "number" ? a.height : undefined}
      loading="lazy"
      decoding="async"
    />
  );
  // Responsive WebP: the upload pipeline (server/media) names every rendition
  // /media/{id}/{width}.webp, and a figure's `width` is its largest rendition's, so the
  // srcset is rebuilt from the attrs alone (lib/media/variants.ts). Only for a src the
  // server generated (same shape the validator's MEDIA_SRC accepts); otherwise a plain <img>.
  const media = parseMediaSrc(src);
  const srcSet = media && width ? webpSrcSet(media.mediaId, width) : null;
  return (
    <figure key={key} className="story-figure">
      {srcSet ? (
        <picture>
          <source type="image/webp" srcSet={srcSet} sizes={FIGURE_SIZES} />
          {img}
        </picture>
      ) : (
        img
      )}
      {caption || credit ? (
        <figcaption>
          {caption}
          {credit ? <span className="credit"> {credit}</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

function renderText(node: NodeJSON, key: number): ReactNode {
  let el: ReactNode = node.text ?? "";
  for (const mark of node.marks ?? []) el = wrapMark(mark, el);
  return createElement(Fragment, { key }, el);
}

function wrapMark(mark: MarkJSON, inner: ReactNode): ReactNode {
  switch (mark.type) {
    case "bold":
      return <strong>{inner}</strong>;
    case "italic":
      return <em>{inner}</em>;
    case "underline":
      return <u>{inner}</u>;
    case "strike":
      return <s>{inner}</s>;
    case "link": {
      const href = safeHref(mark.attrs?.href);
      return href ? (
        <a href={href} rel="noopener noreferrer nofollow">
          {inner}
        </a>
      ) : (
        inner
      );
    }
    default:
      return inner;
  }
}
