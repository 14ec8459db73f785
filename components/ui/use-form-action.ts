"use client";

import { type FormEvent, useState } from "react";
import type { Result } from "@/server/errors";

/**
 * The life of a staff form: submit the fields to a server action, show its field and form
 * errors on refusal, hand the data on when it succeeds. Nothing typed is cleared on error.
 */
export function useFormAction<T>(
  submit: (form: FormData) => Promise<Result<T>>,
  onDone: (data: T) => void,
) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await submit(new FormData(event.currentTarget));
    setPending(false);
    if (!result.ok) {
      setFields(result.error.fields ?? {});
      setError(result.error.message);
      return;
    }
    setFields({});
    onDone(result.data);
  }

  return { fields, error, pending, onSubmit };
}

/** A form value as text ("" when absent). */
export const text = (form: FormData, name: string) => String(form.get(name) ?? "");
