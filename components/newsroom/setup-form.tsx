"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { setupAdmin } from "@/app/(auth)/actions";
import { Field } from "@/components/ui/field";

export function SetupForm() {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const form = new FormData(event.currentTarget);
    const result = await setupAdmin({
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    setPending(false);
    if (!result.ok) {
      setFields(result.error.fields ?? {});
      setError(result.error.message);
      return;
    }
    router.replace("/login?setup=1");
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Field id="setup-name" label="Name" error={fields.name}>
        <input id="setup-name" name="name" autoComplete="name" required />
      </Field>
      <Field id="setup-email" label="Email" error={fields.email}>
        <input id="setup-email" name="email" type="email" autoComplete="username" required />
      </Field>
      <Field
        id="setup-password"
        label="Password"
        error={fields.password}
        hint="At least 12 characters."
      >
        <input
          id="setup-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
        />
      </Field>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={pending}>
        Create admin account
      </button>
    </form>
  );
}
