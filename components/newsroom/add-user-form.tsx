"use client";

import { useRouter } from "next/navigation";
import { createUser } from "@/app/(newsroom)/newsroom/actions";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { text, useFormAction } from "@/components/ui/use-form-action";
import { ROLES } from "@/lib/workflow/states";

export function AddUserForm() {
  const router = useRouter();
  const { fields, error, pending, onSubmit } = useFormAction(
    (form) =>
      createUser({
        name: text(form, "name"),
        email: text(form, "email"),
        password: text(form, "password"),
        role: text(form, "role"),
      }),
    () => {
      router.push("/newsroom/users");
      router.refresh();
    },
  );

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
      <FormError message={error} />
      <button type="submit" className="primary" disabled={pending}>
        Create user
      </button>
    </form>
  );
}
