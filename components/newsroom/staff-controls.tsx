"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import {
  changeUserRole,
  createPasswordReset,
  deactivateUser,
  reactivateUser,
} from "@/app/(newsroom)/newsroom/users/actions";
import { Field } from "@/components/ui/field";
import { ROLES } from "@/lib/workflow/states";

type Member = { id: string; name: string; role: string; active: boolean };
type Outcome = { ok: true; data: unknown } | { ok: false; error: { message: string } };

/**
 * An admin's controls for one member of staff. The buttons only ask: every rule (who may
 * grant what, the last admin) is decided by the server, whose message is shown as it is.
 */
export function StaffControls({ member }: { member: Member }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resetLink, setResetLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function run(action: () => Promise<Outcome>, done: string) {
    setPending(true);
    setError(null);
    setNotice(null);
    const result = await action();
    setPending(false);
    if (!result.ok) {
      setError(result.error.message);
      return null;
    }
    setNotice(done);
    router.refresh();
    return result.data;
  }

  async function onRole(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const role = String(new FormData(event.currentTarget).get("role") ?? "");
    await run(() => changeUserRole({ id: member.id, role }), `Role changed to ${role}.`);
  }

  async function onReset() {
    setResetLink(null);
    const data = (await run(
      () => createPasswordReset({ id: member.id }),
      "Password reset link created. Copy it now: it is shown only once.",
    )) as { token: string; expiresAt: string } | null;
    if (data) {
      setResetLink({
        url: `${window.location.origin}/reset-password/${data.token}`,
        expiresAt: data.expiresAt,
      });
    }
  }

  return (
    <div className="staff-controls">
      <section>
        <h2>Role</h2>
        <form onSubmit={onRole} style={{ maxWidth: "20rem" }}>
          <Field id="staff-role" label="Role">
            <select id="staff-role" name="role" defaultValue={member.role} key={member.role}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" disabled={pending}>
            Change role
          </button>
        </form>
      </section>

      <section>
        <h2>Access</h2>
        <p>
          {member.active
            ? "This account can sign in."
            : "This account is deactivated and cannot sign in."}
        </p>
        {member.active ? (
          <button
            type="button"
            disabled={pending}
            onClick={() => run(() => deactivateUser({ id: member.id }), "Account deactivated.")}
          >
            Deactivate
          </button>
        ) : (
          <button
            type="button"
            disabled={pending}
            onClick={() => run(() => reactivateUser({ id: member.id }), "Account reactivated.")}
          >
            Reactivate
          </button>
        )}
      </section>

      <section>
        <h2>Password</h2>
        <p>
          A reset link lets {member.name} choose a new password. It works once, for 24 hours, and
          replaces any earlier link.
        </p>
        <button type="button" disabled={pending || !member.active} onClick={onReset}>
          Create password reset link
        </button>
        {resetLink ? (
          <div className="field" style={{ marginTop: "0.75rem" }}>
            <label htmlFor="reset-link">Password reset link</label>
            <input
              id="reset-link"
              readOnly
              value={resetLink.url}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="reset-link"
            />
            <span className="hint">
              Expires {new Date(resetLink.expiresAt).toUTCString()}. Send it to {member.name}{" "}
              privately.
            </span>
          </div>
        ) : null}
      </section>

      <div>
        {notice ? <p role="status">{notice}</p> : null}
        {error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
