"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { resetPassword } from "@/app/(auth)/reset-password/actions";
import { Field } from "@/components/ui/field";

/** Sets a new password from a one-time link, then sends the person to sign in with it. */
export function ResetPasswordForm({ token, min }: { token: string; min: number }) {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await resetPassword({
      token,
      password: String(form.get("password") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    });
    if (!result.ok) {
      setPending(false);
      setFields(result.error.fields ?? {});
      setError(result.error.message);
      return;
    }
    router.replace("/login");
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Field
        id="reset-new-password"
        label="New password"
        error={fields.password}
        hint={`At least ${min} characters.`}
      >
        <input
          id="reset-new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          aria-describedby="reset-new-password-hint"
          required
        />
      </Field>
      <Field id="reset-confirm-password" label="Confirm password" error={fields.confirmPassword}>
        <input
          id="reset-confirm-password"
          name="confirmPassword"
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
        Set password
      </button>
    </form>
  );
}
