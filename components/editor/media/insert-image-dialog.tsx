"use client";

import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { updateMediaDetails } from "@/app/(newsroom)/newsroom/media/actions";
import type { MediaItem } from "@/server/media/media-item";
import { MediaLibrary, mediaLabel } from "./media-library";
import { UploadDropZone } from "./upload-drop-zone";
import { type FigureAttrs, uploadImage } from "./upload-image";

type Choice = { kind: "file"; file: File; preview: string } | { kind: "library"; item: MediaItem };

const ALT_REQUIRED = "Describe the image for readers who cannot see it.";

/**
 * Upload an image (file input or drop) or pick one from the library, give its alt text
 * (required), caption and credit, then `onInsert` receives the figure attributes. The
 * upload happens on "Insert", with the details, so nothing half-described is stored.
 */
export function InsertImageDialog({
  onInsert,
  onClose,
}: {
  onInsert: (attrs: FigureAttrs) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const ids = { title: useId(), alt: useId(), caption: useId(), credit: useId(), error: useId() };
  const [choice, setChoice] = useState<Choice | null>(null);
  const [alt, setAlt] = useState("");
  const [caption, setCaption] = useState("");
  const [credit, setCredit] = useState("");
  const [altError, setAltError] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  // The object URL of a chosen file's preview lives as long as that choice.
  useEffect(() => {
    if (choice?.kind !== "file") return;
    const url = choice.preview;
    return () => URL.revokeObjectURL(url);
  }, [choice]);

  function chooseFile(file: File) {
    setError("");
    setChoice({ kind: "file", file, preview: URL.createObjectURL(file) });
  }

  function chooseItem(item: MediaItem) {
    setError("");
    setChoice({ kind: "library", item });
    setAlt(item.alt);
    setCaption(item.caption);
    setCredit(item.credit);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!choice || busy) return;
    if (!alt.trim()) {
      setAltError(ALT_REQUIRED);
      document.getElementById(ids.alt)?.focus();
      return;
    }
    setAltError("");
    setError("");
    setBusy(true);
    try {
      const details = { alt: alt.trim(), caption: caption.trim(), credit: credit.trim() };
      if (choice.kind === "file") {
        const outcome = await uploadImage(choice.file, details);
        if (!outcome.ok) {
          setError(outcome.message);
          return;
        }
        onInsert(outcome.figure);
        return;
      }
      const { item } = choice;
      // A library image without alt text gets this one as its default for next time.
      if (!item.alt.trim()) {
        await updateMediaDetails({
          id: item.id,
          alt: details.alt,
          caption: item.caption || details.caption,
          credit: item.credit || details.credit,
        }).catch(() => null);
      }
      onInsert({
        mediaId: item.id,
        src: item.src,
        width: item.width,
        height: item.height,
        ...details,
      });
    } finally {
      setBusy(false);
    }
  }

  const preview =
    choice?.kind === "file"
      ? choice.preview
      : choice?.kind === "library"
        ? choice.item.thumb
        : null;

  return (
    <dialog
      ref={ref}
      aria-labelledby={ids.title}
      onCancel={onClose}
      onClose={onClose}
      style={{ maxWidth: "40rem" }}
    >
      <h2 id={ids.title}>Insert image</h2>
      <form onSubmit={submit} noValidate>
        <UploadDropZone onFile={chooseFile} disabled={busy} />
        <MediaLibrary
          onPick={chooseItem}
          selectedId={choice?.kind === "library" ? choice.item.id : null}
        />
        {choice && preview ? (
          <figure style={{ margin: "0.75rem 0" }}>
            <img
              src={preview}
              alt=""
              style={{ maxWidth: "100%", maxHeight: "10rem", display: "block" }}
            />
            <figcaption className="meta" dir="auto">
              {choice.kind === "file" ? choice.file.name : mediaLabel(choice.item)}
            </figcaption>
          </figure>
        ) : null}
        <div className="field">
          <label htmlFor={ids.alt}>Alt text</label>
          <input
            id={ids.alt}
            value={alt}
            required
            maxLength={500}
            aria-invalid={altError ? true : undefined}
            aria-describedby={altError ? `${ids.alt}-error` : `${ids.alt}-hint`}
            onChange={(e) => setAlt(e.target.value)}
          />
          {altError ? (
            <span className="error" id={`${ids.alt}-error`}>
              {altError}
            </span>
          ) : (
            <span className="hint" id={`${ids.alt}-hint`}>
              What the image shows, for readers who cannot see it. Required.
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.caption}>Caption</label>
          <input
            id={ids.caption}
            value={caption}
            maxLength={1000}
            onChange={(e) => setCaption(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.credit}>Credit</label>
          <input
            id={ids.credit}
            value={credit}
            maxLength={200}
            onChange={(e) => setCredit(e.target.value)}
          />
        </div>
        {error ? (
          <p className="form-error" role="alert" id={ids.error}>
            {error}
          </p>
        ) : null}
        {busy ? (
          <p className="meta" role="status">
            {choice?.kind === "file" ? "Uploading…" : "Inserting…"}
          </p>
        ) : null}
        <div style={{ display: "flex", gap: "0.5rem" }}>
          <button type="submit" className="primary" disabled={!choice || busy}>
            Insert
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
