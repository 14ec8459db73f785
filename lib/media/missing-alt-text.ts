import type { DocJSON, NodeJSON } from "@/lib/content/types";

/**
 * How many images in a story body have no alt text (empty or only spaces). A story with
 * any is not ready for review. Pure, so the editor can show the same count the server
 * enforces (server/media/missing-alt-text.ts re-exports it for the submit transition).
 */
export function missingAltText(doc: DocJSON | NodeJSON): number {
  let missing = 0;
  const visit = (node: NodeJSON) => {
    if (node.type === "figure" && String(node.attrs?.alt ?? "").trim() === "") missing += 1;
    for (const child of node.content ?? []) visit(child);
  };
  visit(doc);
  return missing;
}

/** The message a person is shown when a story has images without alt text. */
export function missingAltTextMessage(count: number): string {
  return count === 1
    ? "One image has no alt text. Describe it for readers who cannot see it before submitting."
    : `${count} images have no alt text. Describe them for readers who cannot see them before submitting.`;
}
