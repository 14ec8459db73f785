import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/newsroom/sign-out-button";
import { EnrolTwoFactor } from "@/components/newsroom/two-factor-forms";
import { currentActor } from "@/server/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Set up two-factor authentication",
  robots: { index: false },
};

/**
 * Where staff land while an admin requires two-factor and they have not set it up: outside
 * the newsroom layout, which sends them here.
 */
export default async function RequiredTwoFactorPage() {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  if (!actor.twoFactorPending) redirect("/newsroom");
  return (
    <main id="main-content" className="auth-card">
      <h1>Set up two-factor authentication</h1>
      <p>
        This newsroom requires a code from an authenticator app as well as your password. Set it up
        to continue.
      </p>
      <EnrolTwoFactor doneHref="/newsroom" />
      <SignOutButton userId={actor.id} />
    </main>
  );
}
