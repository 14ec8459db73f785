/** A ProseMirror/Tiptap document as JSON, as stored in the database. */
export type MarkJSON = { type: string; attrs?: Record<string, unknown> };
export type NodeJSON = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: NodeJSON[];
  marks?: MarkJSON[];
  text?: string;
};
export type DocJSON = NodeJSON & { type: "doc" };

export const EMPTY_DOC: DocJSON = { type: "doc", content: [{ type: "paragraph" }] };
