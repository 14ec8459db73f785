"use client";

import { useId, useState } from "react";
import { ACCEPTED_IMAGE_TYPES } from "@/lib/media/variants";

/**
 * A file input labelled "Upload image" inside a zone that also takes a dropped file. It only
 * hands the file over; the caller uploads it (so alt text can be asked for first).
 */
export function UploadDropZone({
  onFile,
  disabled = false,
}: {
  onFile: (file: File) => void;
  disabled?: boolean;
}) {
  const inputId = useId();
  const [over, setOver] = useState(false);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target only; the labelled file input inside is the accessible control
    <div
      className="upload-drop-zone"
      onDragOver={(e) => {
        if (disabled || !e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        if (disabled) return;
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
      style={{
        border: `2px dashed ${over ? "var(--accent, #0b5)" : "var(--rule, #ccc)"}`,
        borderRadius: 6,
        padding: "0.9rem",
        marginBottom: "0.9rem",
        textAlign: "center",
      }}
    >
      <div className="field" style={{ marginBottom: "0.4rem", alignItems: "center" }}>
        <label htmlFor={inputId}>Upload image</label>
        <input
          id={inputId}
          type="file"
          accept={ACCEPTED_IMAGE_TYPES}
          disabled={disabled}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onFile(file);
            e.target.value = "";
          }}
        />
      </div>
      <span className="hint">
        or drop an image here (JPEG, PNG, WebP, AVIF or GIF, up to 15 MB)
      </span>
    </div>
  );
}
