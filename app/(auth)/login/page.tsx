import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/newsroom/login-form";
import { currentActor } from "@/server/auth/session";
import { hasAnyUser } from "@/server/users/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await hasAnyUser())) redirect("/setup");
  if (await currentActor()) redirect("/newsroom");
  const params = await searchParams;
  return (
    <main id="main-content" className="auth-card">
      <h1>Sign in to the newsroom</h1>
      {params.setup === "1" ? (
        <p role="status">Your admin account is ready. Sign in with it.</p>
      ) : null}
      <LoginForm />
    </main>
  );
}
