"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { createUser } from "@/app/(newsroom)/newsroom/actions";
import { Field } from "@/components/ui/field";
import { ROLES } from "@/lib/workflow/states";

export function AddUserForm() {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const form = new FormData(event.currentTarget);
    const result = await createUser({
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      role: String(form.get("role") ?? ""),
    });
    setPending(false);
    if (!result.ok) {
      setFields(result.error.fields ?? {});
      setError(result.error.message);
      return;
    }
    router.push("/newsroom/users");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate style={{ maxWidth: "28rem" }}>
      <Field id="user-name" label="Name" error={fields.name}>
        <input id="user-name" name="name" required />
      </Field>
      <Field id="user-email" label="Email" error={fields.email}>
        <input id="user-email" name="email" type="email" required />
      </Field>
      <Field
        id="user-password"
        label="Password"
        error={fields.password}
        hint="At least 12 characters."
      >
        <input
          id="user-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
        />
      </Field>
      <Field id="user-role" label="Role" error={fields.role}>
        <select id="user-role" name="role" defaultValue="reporter">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </Field>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={pending}>
        Create user
      </button>
    </form>
  );
}
