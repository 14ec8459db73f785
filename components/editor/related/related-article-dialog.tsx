"use client";

import { useEffect, useRef, useState } from "react";
import { findRelatedStories } from "@/app/(newsroom)/newsroom/actions";

type Option = { id: string; headline: string; path: string };

/** Search published stories by headline; each result is a button named by the headline. */
export function RelatedArticleDialog({
  onPick,
  onClose,
}: {
  onPick: (articleId: string) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<Option[]>([]);
  const [searched, setSearched] = useState(false);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      const result = await findRelatedStories({ q: query });
      if (!cancelled && result.ok) {
        setOptions(result.data);
        setSearched(true);
      }
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query]);

  return (
    <dialog ref={ref} aria-labelledby="related-title" onCancel={onClose} onClose={onClose}>
      <h2 id="related-title">Insert related article</h2>
      <div className="field">
        <label htmlFor="find-story">Find a story</label>
        <input
          id="find-story"
          type="search"
          value={query}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <ul style={{ listStyle: "none", padding: 0, maxHeight: "18rem", overflow: "auto" }}>
        {options.map((o) => (
          <li key={o.id} style={{ marginBottom: "0.35rem" }}>
            <button
              type="button"
              dir="auto"
              onClick={() => onPick(o.id)}
              style={{ textAlign: "left", width: "100%" }}
            >
              {o.headline}
            </button>
          </li>
        ))}
      </ul>
      {searched && options.length === 0 ? (
        <p className="meta">No published story matches.</p>
      ) : null}
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </dialog>
  );
}
