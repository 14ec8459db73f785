"use client";

import { useEffect, useRef, useState } from "react";
import { setArticleSlug } from "@/app/(newsroom)/newsroom/actions";
import { Field } from "@/components/ui/field";
import { SLUG_MAX } from "@/lib/slug";

/**
 * The story's address. It follows the headline (the server recomputes it on save) until
 * someone types one here; "Follow the headline" hands it back. Sent when the field is left
 * or Enter is pressed; the server normalises, checks and answers with the slug it stored.
 */
export function SlugField({
  articleId,
  slug,
  manual,
  live,
  disabled,
  onChange,
}: {
  articleId: string | null;
  slug: string;
  manual: boolean;
  live: boolean;
  disabled: boolean;
  onChange: () => void;
}) {
  const [draft, setDraft] = useState(slug);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const editing = useRef(false);

  // A slug following the headline changes under the field after saves: show it, unless
  // the person is typing one.
  useEffect(() => {
    if (!editing.current) setDraft(slug);
  }, [slug]);

  async function send(value: string) {
    if (!articleId) return;
    setBusy(true);
    try {
      const result = await setArticleSlug({ id: articleId, slug: value });
      if (result.ok) {
        setError(undefined);
        editing.current = false;
        setDraft(result.data.slug);
        onChange();
      } else {
        setError(result.error.fields?.slug ?? result.error.message);
      }
    } finally {
      setBusy(false);
    }
  }

  function commit() {
    if (!editing.current) return;
    if (draft.trim() === slug) {
      editing.current = false;
      setError(undefined);
      return;
    }
    // Clearing the field is how a person hands the address back to the headline.
    void send(draft);
  }

  const hint = !articleId
    ? "Set after the first save."
    : manual
      ? live
        ? "Set by hand. A new address reaches readers with “Publish update”; the old one redirects."
        : "Set by hand."
      : "Follows the headline until you change it.";

  return (
    <Field id="slug" label="Slug" error={error} hint={hint}>
      <input
        id="slug"
        value={draft}
        maxLength={SLUG_MAX * 2}
        spellCheck={false}
        autoCapitalize="off"
        readOnly={disabled || !articleId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "slug-error slug-hint" : "slug-hint"}
        onChange={(e) => {
          editing.current = true;
          setDraft(e.target.value);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          }
        }}
      />
      {manual && articleId && !disabled ? (
        <button type="button" disabled={busy} onClick={() => void send("")}>
          Follow the headline
        </button>
      ) : null}
    </Field>
  );
}
