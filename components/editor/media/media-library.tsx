"use client";

import { useEffect, useId, useState } from "react";
import { listMediaLibrary } from "@/app/(newsroom)/newsroom/media/actions";
import type { MediaItem } from "@/server/media/media-item";

/** How a library image is named for people: its alt text, else its file name. */
export function mediaLabel(item: Pick<MediaItem, "alt" | "originalName">): string {
  return item.alt.trim() || item.originalName || "Untitled image";
}

/**
 * The media library as a picker: a search box and past uploads newest first, each a button
 * named by its alt text (or file name), with "Load more" for older ones.
 */
export function MediaLibrary({
  onPick,
  selectedId,
}: {
  onPick: (item: MediaItem) => void;
  selectedId?: string | null;
}) {
  const searchId = useId();
  const [query, setQuery] = useState("");
  const [items, setItems] = useState<MediaItem[]>([]);
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(false);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");

  useEffect(() => {
    let cancelled = false;
    setState("loading");
    const timer = setTimeout(
      () => {
        listMediaLibrary({ q: query, page }).then(
          (result) => {
            if (cancelled) return;
            if (!result.ok) {
              setState("failed");
              return;
            }
            setItems((prev) => (page === 1 ? result.data.items : [...prev, ...result.data.items]));
            setHasMore(result.data.hasMore);
            setState("ready");
          },
          () => !cancelled && setState("failed"),
        );
      },
      page === 1 ? 200 : 0,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, page]);

  return (
    <section aria-label="Media library">
      <div className="field">
        <label htmlFor={searchId}>Search the library</label>
        <input
          id={searchId}
          type="search"
          value={query}
          autoComplete="off"
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(1);
          }}
        />
      </div>
      <ul
        style={{
          listStyle: "none",
          padding: 0,
          margin: 0,
          display: "grid",
          gridTemplateColumns: "repeat(auto-fill, minmax(7rem, 1fr))",
          gap: "0.5rem",
          maxHeight: "16rem",
          overflow: "auto",
        }}
      >
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              onClick={() => onPick(item)}
              aria-pressed={selectedId === item.id}
              title={item.caption || undefined}
              style={{ width: "100%", padding: "0.25rem", textAlign: "left" }}
            >
              <img
                src={item.thumb}
                alt=""
                width={item.width}
                height={item.height}
                loading="lazy"
                style={{ display: "block", width: "100%", height: "5rem", objectFit: "cover" }}
              />
              <span
                dir="auto"
                style={{
                  display: "block",
                  fontSize: "0.75rem",
                  fontWeight: 400,
                  overflow: "hidden",
                  textOverflow: "ellipsis",
                  whiteSpace: "nowrap",
                }}
              >
                {mediaLabel(item)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="meta" role="status">
        {state === "loading"
          ? "Loading the library…"
          : state === "failed"
            ? "The library could not be loaded."
            : items.length === 0
              ? query
                ? "No image matches."
                : "No images uploaded yet."
              : ""}
      </p>
      {hasMore && state === "ready" ? (
        <button type="button" onClick={() => setPage((p) => p + 1)}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
