"use client";

import { useRouter } from "next/navigation";
import { setupAdmin } from "@/app/(auth)/actions";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { text, useFormAction } from "@/components/ui/use-form-action";

export function SetupForm() {
  const router = useRouter();
  const { fields, error, pending, onSubmit } = useFormAction(
    (form) =>
      setupAdmin({
        name: text(form, "name"),
        email: text(form, "email"),
        password: text(form, "password"),
      }),
    () => router.replace("/login?setup=1"),
  );

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
      <FormError message={error} />
      <button type="submit" className="primary" disabled={pending}>
        Create admin account
      </button>
    </form>
  );
}
