"use client";

import { useRouter } from "next/navigation";
import { type ChangeEvent, useState } from "react";
import { setAvatar } from "@/app/(newsroom)/newsroom/users/actions";
import { uploadImage } from "@/components/editor/media/upload-image";
import type { MediaItem } from "@/server/media/media-item";

type Status = { kind: "idle" | "busy" | "done" | "error"; message: string };

/**
 * The picture on the person's public author page. The file goes through the same upload as a
 * story image (the server checks, strips and re-encodes it into the media library); then the
 * profile points at it. Removing it leaves the image in the library.
 */
export function AvatarForm({ name, avatar }: { name: string; avatar: MediaItem | null }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>({ kind: "idle", message: "" });

  async function choose(mediaId: string | null, done: string) {
    const result = await setAvatar({ mediaId });
    if (!result.ok) {
      setStatus({ kind: "error", message: result.error.message });
      return;
    }
    setStatus({ kind: "done", message: done });
    router.refresh();
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setStatus({ kind: "busy", message: "Uploading…" });
    const upload = await uploadImage(file, { alt: `Portrait of ${name}` });
    input.value = "";
    if (!upload.ok) {
      setStatus({ kind: "error", message: upload.message });
      return;
    }
    await choose(upload.figure.mediaId, "Avatar saved.");
  }

  return (
    <div className="avatar-form">
      {avatar ? (
        <img src={avatar.thumb} alt="Your current avatar" width={96} height={96} />
      ) : (
        <p>No avatar yet: your author page shows your name and bio only.</p>
      )}
      <p>
        <label htmlFor="avatar-file">Upload avatar</label>{" "}
        <input
          id="avatar-file"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
          onChange={onFile}
          disabled={status.kind === "busy"}
        />
      </p>
      {avatar ? (
        <button
          type="button"
          onClick={() => choose(null, "Avatar removed.")}
          disabled={status.kind === "busy"}
        >
          Remove avatar
        </button>
      ) : null}
      {status.kind === "error" ? (
        <p role="alert" className="form-error">
          {status.message}
        </p>
      ) : (
        <p role="status">{status.message}</p>
      )}
    </div>
  );
}
