"use client";

import { useEffect, useId, useState } from "react";
import { setArticleTags, setBylines, suggestTags } from "@/app/(newsroom)/newsroom/actions";
import type { EditorView } from "@/server/articles/queries/editor-view";

type Staff = { id: string; name: string; role: string };

/** Tags (autocomplete, created on the fly) and bylines (staff, in order) of a saved story. */
export function StoryMetadata({
  view,
  staff,
  disabled,
  onChange,
}: {
  view: EditorView;
  staff: Staff[];
  disabled: boolean;
  onChange: () => void;
}) {
  const listId = useId();
  const [draft, setDraft] = useState("");
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState("");

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      const result = await suggestTags({ q: draft });
      if (!cancelled && result.ok) setSuggestions(result.data.map((t) => t.name));
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [draft]);

  async function saveTags(next: string[]) {
    const result = await setArticleTags({ id: view.id, tags: next });
    setError(result.ok ? null : result.error.message);
    onChange();
  }

  async function saveBylines(next: string[]) {
    const result = await setBylines({ id: view.id, userIds: next });
    setError(result.ok ? null : result.error.message);
    onChange();
  }

  function addTag() {
    const name = draft.trim().replace(/,$/, "");
    if (!name) return;
    setDraft("");
    if (!view.tags.some((t) => t.toLowerCase() === name.toLowerCase()))
      void saveTags([...view.tags, name]);
  }

  const nameOf = (id: string) => staff.find((s) => s.id === id)?.name ?? "Former staff";

  return (
    <section aria-label="Tags and bylines">
      <div className="field">
        <label htmlFor="tags-input">Tags</label>
        <input
          id="tags-input"
          aria-autocomplete="list"
          aria-expanded={suggestions.length > 0}
          list={listId}
          value={draft}
          disabled={disabled}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === ",") {
              e.preventDefault();
              addTag();
            }
          }}
        />
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <span className="hint">Press Enter to add a tag.</span>
        <ul className="chips">
          {view.tags.map((t) => (
            <li key={t}>
              <span dir="auto">{t}</span>{" "}
              <button
                type="button"
                aria-label={`Remove tag ${t}`}
                disabled={disabled}
                onClick={() => void saveTags(view.tags.filter((x) => x !== t))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="field">
        <span style={{ fontWeight: 600, fontSize: "0.9rem" }} id="bylines-label">
          Bylines
        </span>
        <ol aria-labelledby="bylines-label" style={{ paddingLeft: "1.2rem" }}>
          {view.authorIds.map((id, i) => (
            <li key={id}>
              <span dir="auto">{nameOf(id)}</span>{" "}
              {i > 0 ? (
                <button
                  type="button"
                  aria-label={`Move ${nameOf(id)} up`}
                  disabled={disabled}
                  onClick={() => {
                    const next = [...view.authorIds];
                    [next[i - 1], next[i]] = [next[i]!, next[i - 1]!];
                    void saveBylines(next);
                  }}
                >
                  ↑
                </button>
              ) : null}{" "}
              {view.authorIds.length > 1 ? (
                <button
                  type="button"
                  aria-label={`Remove ${nameOf(id)} from the byline`}
                  disabled={disabled}
                  onClick={() => void saveBylines(view.authorIds.filter((x) => x !== id))}
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ol>
        <label htmlFor="add-byline" className="visually-hidden">
          Add byline
        </label>
        <select
          id="add-byline"
          value={adding}
          disabled={disabled}
          onChange={(e) => setAdding(e.target.value)}
        >
          <option value="">Add a byline…</option>
          {staff
            .filter((s) => !view.authorIds.includes(s.id))
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </select>{" "}
        <button
          type="button"
          disabled={disabled || !adding}
          onClick={() => {
            void saveBylines([...view.authorIds, adding]);
            setAdding("");
          }}
        >
          Add
        </button>
      </div>
      {error ? <p className="form-error">{error}</p> : null}
    </section>
  );
}
