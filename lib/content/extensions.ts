import { type Extensions, getSchema, mergeAttributes, Node } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { isSafeHref } from "./urls";

/**
 * The one content schema of the CMS (DESIGN.md invariant 3). The editor, the server-side
 * validator and the reader renderer all derive from this list; editor-only behaviour
 * (node views, toolbar) sits on top in components/editor and never changes the schema.
 * No React here: the server must be able to build the schema alone.
 */

/** A highlighted quotation set apart from the text, with who said it. */
export const PullQuote = Node.create({
  name: "pullQuote",
  group: "block",
  content: "text*",
  marks: "",
  defining: true,
  addAttributes() {
    return {
      attribution: {
        default: "",
        parseHTML: (el) => el.getAttribute("data-attribution") ?? "",
        renderHTML: (attrs) => ({ "data-attribution": attrs.attribution }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "blockquote[data-pull-quote]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["blockquote", mergeAttributes(HTMLAttributes, { "data-pull-quote": "" }), 0];
  },
});

/** An image from the media library with its alt text, caption and credit. */
export const Figure = Node.create({
  name: "figure",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      mediaId: { default: null },
      src: { default: null },
      width: { default: null },
      height: { default: null },
      alt: { default: "" },
      caption: { default: "" },
      credit: { default: "" },
    };
  },
  parseHTML() {
    return [{ tag: "figure[data-media-id]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return [
      "figure",
      { "data-media-id": HTMLAttributes.mediaId },
      ["img", { src: HTMLAttributes.src, alt: HTMLAttributes.alt }],
      ["figcaption", {}, HTMLAttributes.caption ?? ""],
    ];
  },
});

/** A link to another story, rendered for readers as a teaser with its current headline. */
export const RelatedArticle = Node.create({
  name: "relatedArticle",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      articleId: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-related-article"),
        renderHTML: (attrs) => ({ "data-related-article": attrs.articleId }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "aside[data-related-article]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["aside", HTMLAttributes, "Related story"];
  },
});

export const contentExtensions: Extensions = [
  StarterKit.configure({
    codeBlock: false,
    code: false,
    heading: { levels: [2, 3] },
    link: {
      openOnClick: false,
      autolink: true,
      defaultProtocol: "https",
      protocols: ["http", "https", "mailto"],
      isAllowedUri: (url) => isSafeHref(url),
      HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
    },
  }),
  PullQuote,
  Figure,
  RelatedArticle,
];

let cached: ReturnType<typeof getSchema> | null = null;
/** The ProseMirror schema, built once per process. */
export function contentSchema() {
  cached ??= getSchema(contentExtensions);
  return cached;
}
