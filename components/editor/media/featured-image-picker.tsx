"use client";

import { useEffect, useId, useRef, useState } from "react";
import { getMediaItems, updateMediaDetails } from "@/app/(newsroom)/newsroom/media/actions";
import type { MediaItem } from "@/server/media/media-item";
import { MediaLibrary, mediaLabel } from "./media-library";
import { UploadDropZone } from "./upload-drop-zone";
import { uploadImage } from "./upload-image";

/**
 * A story's featured image (used by the reader site and social cards): shows the current
 * choice, `Choose featured image` / `Change featured image` opens the library (or an
 * upload), `Remove featured image` clears it. Controlled: `mediaId` in, `onChange` out
 * (with the library item when one was chosen, null when removed).
 */
export function FeaturedImagePicker({
  mediaId,
  onChange,
  disabled = false,
}: {
  mediaId: string | null;
  onChange: (mediaId: string | null, item: MediaItem | null) => void;
  disabled?: boolean;
}) {
  const headingId = useId();
  const [item, setItem] = useState<MediaItem | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!mediaId) {
      setItem(null);
      return;
    }
    if (item?.id === mediaId) return;
    let cancelled = false;
    getMediaItems({ ids: [mediaId] }).then(
      (result) => {
        if (!cancelled && result.ok) setItem(result.data[0] ?? null);
      },
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [mediaId, item?.id]);

  return (
    <section aria-labelledby={headingId} className="featured-image-picker">
      <h3 id={headingId} style={{ fontSize: "0.95rem", margin: "0 0 0.4rem" }}>
        Featured image
      </h3>
      {mediaId && item ? (
        <figure style={{ margin: "0 0 0.5rem" }}>
          <img
            src={item.thumb}
            alt={item.alt}
            width={item.width}
            height={item.height}
            style={{ display: "block", maxWidth: "100%", height: "auto" }}
          />
          <figcaption className="meta" dir="auto">
            {mediaLabel(item)}
          </figcaption>
          {!item.alt.trim() ? <FeaturedAltText item={item} onSaved={setItem} /> : null}
        </figure>
      ) : mediaId ? (
        <p className="meta">Loading…</p>
      ) : (
        <p className="meta">None chosen.</p>
      )}
      <div style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap" }}>
        <button
          type="button"
          disabled={disabled}
          onClick={() => setOpen(true)}
          aria-haspopup="dialog"
        >
          {mediaId ? "Change featured image" : "Choose featured image"}
        </button>
        {mediaId ? (
          <button type="button" disabled={disabled} onClick={() => onChange(null, null)}>
            Remove featured image
          </button>
        ) : null}
      </div>
      {open ? (
        <FeaturedImageDialog
          selectedId={mediaId}
          onClose={() => setOpen(false)}
          onPick={(picked) => {
            setOpen(false);
            setItem(picked);
            onChange(picked.id, picked);
          }}
        />
      ) : null}
    </section>
  );
}

function FeaturedImageDialog({
  selectedId,
  onPick,
  onClose,
}: {
  selectedId: string | null;
  onPick: (item: MediaItem) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  async function upload(file: File) {
    setBusy(true);
    setError("");
    const outcome = await uploadImage(file);
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    const f = outcome.figure;
    onPick({
      id: f.mediaId,
      src: f.src,
      thumb: f.src,
      width: f.width,
      height: f.height,
      alt: f.alt,
      caption: f.caption,
      credit: f.credit,
      originalName: file.name,
      createdAt: new Date().toISOString(),
    });
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={onClose}
      onClose={onClose}
      style={{ maxWidth: "40rem" }}
    >
      <h2 id={titleId}>Choose featured image</h2>
      <UploadDropZone onFile={upload} disabled={busy} />
      {busy ? (
        <p className="meta" role="status">
          Uploading…
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <MediaLibrary onPick={onPick} selectedId={selectedId} />
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </dialog>
  );
}

/** The featured image's alt text comes from the library: let it be written here. */
function FeaturedAltText({
  item,
  onSaved,
}: {
  item: MediaItem;
  onSaved: (item: MediaItem) => void;
}) {
  const inputId = useId();
  const [alt, setAlt] = useState("");
  const [error, setError] = useState("");
  return (
    <div>
      <p
        className="alt-warning"
        role="note"
        style={{ color: "var(--danger, #b00)", fontWeight: 600 }}
      >
        Alt text missing: readers who cannot see the image get nothing.
      </p>
      <div className="field">
        <label htmlFor={inputId}>Featured image alt text</label>
        <input id={inputId} value={alt} maxLength={500} onChange={(e) => setAlt(e.target.value)} />
        {error ? <span className="error">{error}</span> : null}
      </div>
      <button
        type="button"
        disabled={!alt.trim()}
        onClick={async () => {
          const result = await updateMediaDetails({
            id: item.id,
            alt,
            caption: item.caption,
            credit: item.credit,
          });
          if (result.ok) onSaved(result.data);
          else setError(result.error.fields?.alt ?? result.error.message);
        }}
      >
        Save alt text
      </button>
    </div>
  );
}
