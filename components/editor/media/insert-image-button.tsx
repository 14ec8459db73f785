"use client";

import { useState } from "react";
import { InsertImageDialog } from "./insert-image-dialog";
import type { FigureAttrs } from "./upload-image";

/**
 * The toolbar's `Insert image` button and its dialog. `onInsert` gets the figure attributes
 * once the image is uploaded (or picked) and described; the dialog is closed by then.
 */
export function InsertImageButton({
  onInsert,
  disabled = false,
  className,
}: {
  onInsert: (attrs: FigureAttrs) => void;
  disabled?: boolean;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={disabled}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Insert image
      </button>
      {open ? (
        <InsertImageDialog
          onClose={() => setOpen(false)}
          onInsert={(attrs) => {
            setOpen(false);
            onInsert(attrs);
          }}
        />
      ) : null}
    </>
  );
}
