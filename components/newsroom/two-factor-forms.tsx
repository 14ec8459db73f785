"use client";

import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { type FormEvent, useState } from "react";
import {
  beginTwoFactor,
  confirmTwoFactor,
  disableTwoFactor,
  setTwoFactorRequired,
  signOutEverywhere,
} from "@/app/(newsroom)/newsroom/profile/security/actions";
import { forgetAllFor } from "@/components/editor/local-drafts";
import { Field } from "@/components/ui/field";

type Enrolment = { secret: string; uri: string; qrSvg: string };

function Alert({ text }: { text: string | null }) {
  return text ? (
    <p role="alert" className="form-error">
      {text}
    </p>
  ) : null;
}

/**
 * Setting up an authenticator app: start (a new secret, as a QR code and as text), confirm
 * with a code from the app, then the recovery codes, shown this once.
 */
export function EnrolTwoFactor({ doneHref }: { doneHref: string }) {
  const router = useRouter();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function start() {
    setPending(true);
    setError(null);
    const result = await beginTwoFactor({});
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    setEnrolment(result.data);
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await confirmTwoFactor({ code: String(form.get("code") ?? "") });
    setPending(false);
    if (!result.ok) return setError(result.error.fields?.code ?? result.error.message);
    setCodes(result.data.recoveryCodes);
  }

  if (codes) {
    return (
      <div>
        <p role="status">Two-factor authentication is on.</p>
        <p>
          Keep these recovery codes somewhere safe. Each works once, in place of a code from your
          app, if you lose your phone. They are not shown again.
        </p>
        <ul aria-label="Recovery codes" className="recovery-codes">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="primary"
          onClick={() => {
            router.push(doneHref);
            router.refresh();
          }}
        >
          Continue
        </button>
      </div>
    );
  }

  if (!enrolment) {
    return (
      <div>
        <Alert text={error} />
        <button type="button" className="primary" onClick={start} disabled={pending}>
          Set up two-factor authentication
        </button>
      </div>
    );
  }

  return (
    <form onSubmit={confirm} noValidate>
      <p>Scan this code with an authenticator app, or type the secret key into it.</p>
      <figure aria-label="QR code for your authenticator app">
        {/* SVG markup generated on the server by the qrcode library from our own otpauth URI. */}
        <div
          style={{ width: "12rem" }}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: library-generated SVG, no user input
          dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
        />
      </figure>
      <p>
        Secret key: <code data-testid="totp-secret">{enrolment.secret}</code>
      </p>
      <Field id="enrol-code" label="Authentication code" hint="The 6-digit code the app shows.">
        <input
          id="enrol-code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
        />
      </Field>
      <Alert text={error} />
      <button type="submit" className="primary" disabled={pending}>
        Confirm
      </button>
    </form>
  );
}

/** Turning two-factor off takes a current code (or a recovery code). */
export function DisableTwoFactor() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await disableTwoFactor({ code: String(form.get("code") ?? "") });
    setPending(false);
    if (!result.ok) return setError(result.error.fields?.code ?? result.error.message);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Field id="disable-code" label="Authentication code">
        <input id="disable-code" name="code" autoComplete="one-time-code" required />
      </Field>
      <Alert text={error} />
      <button type="submit" disabled={pending}>
        Turn off two-factor authentication
      </button>
    </form>
  );
}

/** Ends every session; clears this browser's local drafts first, as signing out does. */
export function SignOutEverywhereButton({ userId }: { userId: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <Alert text={error} />
      <button
        type="button"
        onClick={async () => {
          const result = await signOutEverywhere({});
          if (!result.ok) return setError(result.error.message);
          await forgetAllFor(userId);
          await signOut({ callbackUrl: "/login" });
        }}
      >
        Sign out everywhere
      </button>
    </div>
  );
}

/** Admins: require two-factor for every member of staff. */
export function TwoFactorRequirement({ required }: { required: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await setTwoFactorRequired({ required: form.get("required") === "on" });
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setNotice(result.data.required ? "Two-factor is now required." : "Two-factor is optional.");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit}>
      <div className="field">
        <label>
          <input type="checkbox" name="required" defaultChecked={required} /> Require two-factor
          authentication for all staff
        </label>
      </div>
      {notice ? <p role="status">{notice}</p> : null}
      <Alert text={error} />
      <button type="submit">Save requirement</button>
    </form>
  );
}
