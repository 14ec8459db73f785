"use client";

import { useActionState } from "react";
import {
  addSectionAction,
  editSectionAction,
  moveSectionAction,
} from "@/app/(newsroom)/newsroom/sections/actions";
import { Field } from "@/components/ui/field";
import type { Result } from "@/server/errors";

type Section = { id: string; slug: string; name: string; description: string };
type Outcome = Result<unknown> | null;

function Problem({ state }: { state: Outcome }) {
  if (!state || state.ok) return null;
  return (
    <p role="alert" className="form-error">
      {state.error.message}
    </p>
  );
}

function Saved({ state, text }: { state: Outcome; text: string }) {
  return (
    <p role="status" className="save-state">
      {state?.ok ? text : ""}
    </p>
  );
}

function AddSectionForm() {
  const [state, action, pending] = useActionState(addSectionAction, null);
  const fields = state && !state.ok ? (state.error.fields ?? {}) : {};
  return (
    <form action={action} aria-labelledby="add-section-heading" className="section-form">
      <h2 id="add-section-heading">Add a section</h2>
      <Field id="new-section-name" label="Name" error={fields.name}>
        <input id="new-section-name" name="name" required maxLength={60} />
      </Field>
      <Field
        id="new-section-slug"
        label="Address"
        error={fields.slug}
        hint="Optional: made from the name if left empty, e.g. “science” for /science."
      >
        <input id="new-section-slug" name="slug" maxLength={40} pattern="[a-z0-9\-]*" />
      </Field>
      <Field id="new-section-description" label="Description" error={fields.description}>
        <textarea id="new-section-description" name="description" maxLength={300} rows={2} />
      </Field>
      <Problem state={state} />
      <button type="submit" className="primary" disabled={pending}>
        Add section
      </button>
      <Saved state={state} text="Section added." />
    </form>
  );
}

function EditSectionForm({ section }: { section: Section }) {
  const [state, action, pending] = useActionState(editSectionAction, null);
  const fields = state && !state.ok ? (state.error.fields ?? {}) : {};
  return (
    <form action={action} aria-label={`Edit ${section.name}`} className="section-form">
      <input type="hidden" name="id" value={section.id} />
      <Field id={`section-${section.id}-name`} label="Name" error={fields.name}>
        <input
          id={`section-${section.id}-name`}
          name="name"
          defaultValue={section.name}
          required
          maxLength={60}
        />
      </Field>
      <Field
        id={`section-${section.id}-description`}
        label="Description"
        error={fields.description}
      >
        <textarea
          id={`section-${section.id}-description`}
          name="description"
          defaultValue={section.description}
          maxLength={300}
          rows={2}
        />
      </Field>
      <Problem state={state} />
      <button type="submit" disabled={pending}>
        Save {section.name}
      </button>
      <Saved state={state} text="Saved." />
    </form>
  );
}

function MoveButtons({
  section,
  first,
  last,
}: {
  section: Section;
  first: boolean;
  last: boolean;
}) {
  const [state, action, pending] = useActionState(moveSectionAction, null);
  return (
    <form action={action} className="section-move">
      <input type="hidden" name="id" value={section.id} />
      <button type="submit" name="direction" value="up" disabled={first || pending}>
        Move {section.name} up
      </button>{" "}
      <button type="submit" name="direction" value="down" disabled={last || pending}>
        Move {section.name} down
      </button>
      <Problem state={state} />
    </form>
  );
}

/** Editors add, rename, describe and reorder the sections; the site's navigation follows. */
export function SectionManager({ sections }: { sections: Section[] }) {
  return (
    <>
      <ol className="section-admin-list" aria-label="Sections">
        {sections.map((section, i) => (
          <li key={section.id}>
            <h2>
              {section.name} <span className="meta">/{section.slug}</span>
            </h2>
            <MoveButtons section={section} first={i === 0} last={i === sections.length - 1} />
            <EditSectionForm key={`${section.name}\n${section.description}`} section={section} />
          </li>
        ))}
      </ol>
      <AddSectionForm />
    </>
  );
}
