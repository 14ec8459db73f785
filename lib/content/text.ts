import type { NodeJSON } from "./types";

const BLOCKS = new Set([
  "paragraph",
  "heading",
  "blockquote",
  "listItem",
  "pullQuote",
  "figure",
  "horizontalRule",
]);

/** Plain text of a document, blocks separated by blank lines: for search, diffs and counts. */
export function docToText(node: NodeJSON): string {
  const parts: string[] = [];
  const visit = (n: NodeJSON) => {
    if (n.type === "text") {
      parts.push(n.text ?? "");
      return;
    }
    if (n.type === "hardBreak") {
      parts.push("\n");
      return;
    }
    if (n.type === "figure") {
      const caption = String(n.attrs?.caption ?? "");
      if (caption) parts.push(caption, "\n\n");
      return;
    }
    for (const child of n.content ?? []) visit(child);
    if (BLOCKS.has(n.type)) parts.push("\n\n");
  };
  visit(node);
  return parts
    .join("")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return words ? words.length : 0;
}

/** Minutes at 230 words a minute, at least one. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / 230));
}
