"use client";

import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { changePassword, updateProfile } from "@/app/(newsroom)/newsroom/users/actions";
import { forgetAllFor } from "@/components/editor/local-drafts";
import { Field } from "@/components/ui/field";

type FormState = {
  fields: Record<string, string>;
  error: string | null;
  notice: string | null;
  pending: boolean;
};
const idle: FormState = { fields: {}, error: null, notice: null, pending: false };

function Messages({ state }: { state: FormState }) {
  return (
    <>
      {state.notice ? <p role="status">{state.notice}</p> : null}
      {state.error ? (
        <p role="alert" className="form-error">
          {state.error}
        </p>
      ) : null}
    </>
  );
}

/** Name and bio, as shown on the person's public author page. */
export function ProfileForm({ name, bio, bioMax }: { name: string; bio: string; bioMax: number }) {
  const router = useRouter();
  const [state, setState] = useState<FormState>(idle);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setState({ ...idle, pending: true });
    const form = new FormData(event.currentTarget);
    const result = await updateProfile({
      name: String(form.get("name") ?? ""),
      bio: String(form.get("bio") ?? ""),
    });
    if (!result.ok) {
      setState({ ...idle, fields: result.error.fields ?? {}, error: result.error.message });
      return;
    }
    setState({ ...idle, notice: "Profile saved." });
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate style={{ maxWidth: "36rem" }}>
      <Field id="profile-name" label="Name" error={state.fields.name}>
        <input id="profile-name" name="name" defaultValue={name} autoComplete="name" required />
      </Field>
      <Field
        id="profile-bio"
        label="Bio"
        error={state.fields.bio}
        hint={`Shown on your author page. Up to ${bioMax} characters.`}
      >
        <textarea
          id="profile-bio"
          name="bio"
          defaultValue={bio}
          rows={5}
          maxLength={bioMax}
          dir="auto"
          aria-describedby="profile-bio-hint"
        />
      </Field>
      <Messages state={state} />
      <button type="submit" className="primary" disabled={state.pending}>
        Save profile
      </button>
    </form>
  );
}

/** A new password after re-entering the current one; then every session ends, this one too. */
export function ChangePasswordForm({ min, userId }: { min: number; userId: string }) {
  const [state, setState] = useState<FormState>(idle);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setState({ ...idle, pending: true });
    const form = new FormData(event.currentTarget);
    const result = await changePassword({
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
    });
    if (!result.ok) {
      setState({ ...idle, fields: result.error.fields ?? {}, error: result.error.message });
      return;
    }
    setState({ ...idle, notice: "Password changed. Sign in again with your new password." });
    // Every session has ended: as on "Sign out", no unsaved draft of theirs stays here.
    await forgetAllFor(userId);
    await signOut({ callbackUrl: "/login" });
  }

  return (
    <form onSubmit={onSubmit} noValidate style={{ maxWidth: "28rem" }}>
      <Field id="current-password" label="Current password" error={state.fields.currentPassword}>
        <input
          id="current-password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
        />
      </Field>
      <Field
        id="new-password"
        label="New password"
        error={state.fields.newPassword}
        hint={`At least ${min} characters. Changing it signs you out everywhere.`}
      >
        <input
          id="new-password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          aria-describedby="new-password-hint"
          required
        />
      </Field>
      <Messages state={state} />
      <button type="submit" disabled={state.pending}>
        Change password
      </button>
    </form>
  );
}
