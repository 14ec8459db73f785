"use client";

import { type NodeViewProps, NodeViewWrapper } from "@tiptap/react";
import { useId } from "react";

const FIELDS = [
  { key: "alt", label: "Alt text", max: 500 },
  { key: "caption", label: "Caption", max: 1000 },
  { key: "credit", label: "Credit", max: 200 },
] as const;

/**
 * A figure in the editor: the image, and its alt text, caption and credit as labelled
 * inputs that write straight into the node's attributes (so they are saved with the story
 * and validated by the server like everything else). An image with no alt text carries a
 * visible warning; the story cannot be submitted until every image has one.
 *
 * Tiptap lets keystrokes in inputs inside a node view reach the inputs, not the editor.
 */
export function FigureView({ node, updateAttributes, selected, editor }: NodeViewProps) {
  const id = useId();
  const src = typeof node.attrs.src === "string" ? node.attrs.src : "";
  const alt = String(node.attrs.alt ?? "");
  const missingAlt = alt.trim() === "";
  const editable = editor.isEditable;
  return (
    <NodeViewWrapper
      as="figure"
      className={`figure-node${selected ? " is-selected" : ""}${missingAlt ? " missing-alt" : ""}`}
      data-media-id={node.attrs.mediaId ?? undefined}
      contentEditable={false}
      style={{
        margin: "1rem 0",
        padding: "0.5rem",
        border: `1px solid ${selected ? "var(--accent, #0b5)" : "var(--rule, #ccc)"}`,
        borderRadius: 6,
      }}
    >
      <div data-drag-handle="" style={{ cursor: "grab" }}>
        {src ? (
          <img
            src={src}
            alt={alt}
            width={typeof node.attrs.width === "number" ? node.attrs.width : undefined}
            height={typeof node.attrs.height === "number" ? node.attrs.height : undefined}
            draggable={false}
            style={{ display: "block", maxWidth: "100%", height: "auto" }}
          />
        ) : (
          <p className="meta">Image missing</p>
        )}
      </div>
      {missingAlt ? (
        <p
          className="alt-warning"
          role="note"
          style={{ color: "var(--danger, #b00)", fontWeight: 600, margin: "0.4rem 0" }}
        >
          Alt text missing: describe this image for readers who cannot see it before submitting.
        </p>
      ) : null}
      <figcaption>
        {FIELDS.map((f) => (
          <div className="field" key={f.key} style={{ marginBottom: "0.4rem" }}>
            <label htmlFor={`${id}-${f.key}`}>{f.label}</label>
            <input
              id={`${id}-${f.key}`}
              value={String(node.attrs[f.key] ?? "")}
              maxLength={f.max}
              readOnly={!editable}
              aria-invalid={f.key === "alt" && missingAlt ? true : undefined}
              onChange={(e) => updateAttributes({ [f.key]: e.target.value })}
            />
          </div>
        ))}
      </figcaption>
    </NodeViewWrapper>
  );
}
