import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/newsroom/reset-password-form";
import { PASSWORD_MIN } from "@/server/auth/password";
import { isResetLinkUsable } from "@/server/users/queries-reset-link";
import { INVALID_RESET_LINK } from "@/server/users/reset-token";

export const dynamic = "force-dynamic";
// The token is in the URL: never send it on to another site, never index the page.
export const metadata: Metadata = {
  title: "Choose a new password",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function ResetPasswordPage({
  params,
}: {
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  const usable = await isResetLinkUsable(token);
  return (
    <main id="main-content" className="auth-card">
      <h1>Choose a new password</h1>
      {usable ? (
        <ResetPasswordForm token={token} min={PASSWORD_MIN} />
      ) : (
        <>
          <p role="alert" className="form-error">
            {INVALID_RESET_LINK}
          </p>
          <p>
            <Link href="/login">Go to sign in</Link>
          </p>
        </>
      )}
    </main>
  );
}
