"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { SIGN_IN_ERRORS, signInMessage } from "@/lib/auth/sign-in-errors";
import { safeNextPath } from "@/lib/safe-path";

export function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // After a correct password for an account with two-factor, the form asks for the code.
  const [needsCode, setNeedsCode] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      code: String(form.get("code") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (result?.error === SIGN_IN_ERRORS.codeRequired) {
      setNeedsCode(true);
      return;
    }
    if (!result || result.error || !result.ok) {
      // One message for every failure of the password step, whether the email exists or not.
      setError(signInMessage(result?.error));
      return;
    }
    router.replace(safeNextPath(params.get("next") ?? params.get("callbackUrl")));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="login-email">Email</label>
        <input id="login-email" name="email" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
      {needsCode ? (
        <div className="field">
          <label htmlFor="login-code">Authentication code</label>
          <input
            id="login-code"
            name="code"
            autoComplete="one-time-code"
            aria-describedby="login-code-hint"
            required
            // biome-ignore lint/a11y/noAutofocus: the field appears in answer to the person's submit
            autoFocus
          />
          <span className="hint" id="login-code-hint">
            The 6-digit code from your authenticator app, or one of your recovery codes.
          </span>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={pending}>
        Sign in
      </button>
    </form>
  );
}
