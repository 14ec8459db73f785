"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { createAssignment } from "@/app/(newsroom)/newsroom/actions";
import { Field } from "@/components/ui/field";

export function AssignmentForm({
  sections,
  staff,
  timeZone,
}: {
  sections: { id: string; name: string }[];
  staff: { id: string; name: string; role: string }[];
  timeZone: string;
}) {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const form = new FormData(event.currentTarget);
    const value = (k: string) => String(form.get(k) ?? "");
    const result = await createAssignment({
      headline: value("headline"),
      sectionId: value("sectionId"),
      assigneeId: value("assigneeId"),
      deadline: value("deadline"),
      brief: value("brief"),
    });
    setPending(false);
    if (!result.ok) {
      setFields(result.error.fields ?? {});
      setError(result.error.message);
      return;
    }
    router.push(`/newsroom/articles/${result.data.id}`);
  }

  return (
    <form onSubmit={onSubmit} noValidate style={{ maxWidth: "32rem" }}>
      <Field id="a-headline" label="Working headline" error={fields.headline}>
        <input id="a-headline" name="headline" required />
      </Field>
      <Field id="a-section" label="Section" error={fields.sectionId}>
        <select id="a-section" name="sectionId">
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="a-reporter" label="Reporter" error={fields.assigneeId}>
        <select id="a-reporter" name="assigneeId">
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.role})
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="a-deadline"
        label="Deadline"
        error={fields.deadline}
        hint={`Newsroom time (${timeZone}).`}
      >
        <input id="a-deadline" name="deadline" type="datetime-local" required />
      </Field>
      <Field id="a-brief" label="Brief" error={fields.brief}>
        <textarea id="a-brief" name="brief" rows={4} />
      </Field>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={pending}>
        Create assignment
      </button>
    </form>
  );
}
