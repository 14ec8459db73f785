import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/newsroom/setup-form";
import { hasAnyUser } from "@/server/users/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up your newsroom", robots: { index: false } };

export default async function SetupPage() {
  if (await hasAnyUser()) redirect("/login");
  return (
    <main id="main-content" className="auth-card">
      <h1>Set up your newsroom</h1>
      <p>Create the first account. It will be the newsroom&apos;s administrator.</p>
      <SetupForm />
    </main>
  );
}
