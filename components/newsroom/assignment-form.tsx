"use client";

import { useRouter } from "next/navigation";
import { createAssignment } from "@/app/(newsroom)/newsroom/actions";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { text, useFormAction } from "@/components/ui/use-form-action";

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
  const { fields, error, pending, onSubmit } = useFormAction(
    (form) =>
      createAssignment({
        headline: text(form, "headline"),
        sectionId: text(form, "sectionId"),
        assigneeId: text(form, "assigneeId"),
        deadline: text(form, "deadline"),
        brief: text(form, "brief"),
      }),
    (data) => router.push(`/newsroom/articles/${data.id}`),
  );

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
      <FormError message={error} />
      <button type="submit" className="primary" disabled={pending}>
        Create assignment
      </button>
    </form>
  );
}
