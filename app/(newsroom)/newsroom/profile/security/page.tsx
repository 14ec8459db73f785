import Link from "next/link";
import {
  DisableTwoFactor,
  EnrolTwoFactor,
  SignOutEverywhereButton,
  TwoFactorRequirement,
} from "@/components/newsroom/two-factor-forms";
import { requireActor } from "@/server/auth/require-actor";
import { can } from "@/server/policy";
import { getOwnSecurity } from "@/server/users/queries-security";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign-in and security" };

export default async function SecurityPage() {
  const actor = await requireActor();
  const security = await getOwnSecurity(actor);
  return (
    <>
      <p>
        <Link href="/newsroom/profile">Your profile</Link>
      </p>
      <h1>Sign-in and security</h1>
      <section>
        <h2>Two-factor authentication</h2>
        {security.twoFactor ? (
          <>
            <p role="status">Two-factor authentication is on.</p>
            <p>{security.recoveryCodesLeft} unused recovery codes left.</p>
            {security.required ? (
              <p>It is required in this newsroom, so it cannot be turned off.</p>
            ) : (
              <DisableTwoFactor />
            )}
          </>
        ) : (
          <>
            <p>
              Sign in with a code from an authenticator app as well as your password, so a stolen
              password is not enough.
            </p>
            <EnrolTwoFactor doneHref="/newsroom/profile/security" />
          </>
        )}
      </section>
      <section>
        <h2>Sessions</h2>
        <p>End every session of your account, on every device, this one included.</p>
        <SignOutEverywhereButton userId={actor.id} />
      </section>
      {can(actor, "user.manage") ? (
        <section>
          <h2>Newsroom policy</h2>
          <TwoFactorRequirement required={security.required} />
        </section>
      ) : null}
    </>
  );
}
