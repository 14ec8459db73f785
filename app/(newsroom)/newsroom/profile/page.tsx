import Link from "next/link";
import { notFound } from "next/navigation";
import { AvatarForm } from "@/components/newsroom/avatar-form";
import { ChangePasswordForm, ProfileForm } from "@/components/newsroom/profile-forms";
import { PASSWORD_MIN } from "@/server/auth/password";
import { requireActor } from "@/server/auth/require-actor";
import { BIO_MAX } from "@/server/users/commands/update-profile";
import { getOwnProfile } from "@/server/users/queries-profile";

export const dynamic = "force-dynamic";
export const metadata = { title: "Your profile" };

export default async function ProfilePage() {
  const actor = await requireActor();
  const profile = await getOwnProfile(actor);
  if (!profile) notFound();
  return (
    <>
      <h1>Your profile</h1>
      <p>
        Signed in as {profile.email} ({profile.role}).
      </p>
      <section>
        <h2>Public profile</h2>
        <ProfileForm name={profile.name} bio={profile.bio} bioMax={BIO_MAX} />
      </section>
      <section>
        <h2>Avatar</h2>
        <AvatarForm name={profile.name} avatar={profile.avatar} />
      </section>
      <section>
        <h2>Password</h2>
        <ChangePasswordForm min={PASSWORD_MIN} userId={actor.id} />
      </section>
      <p>
        <Link href="/newsroom/profile/security">Sign-in and security</Link>
      </p>
    </>
  );
}
