import { notFound } from "next/navigation";
import { AddUserForm } from "@/components/newsroom/add-user-form";
import { requireActor } from "@/server/auth/require-actor";
import { can } from "@/server/policy";

export const dynamic = "force-dynamic";
export const metadata = { title: "Add user" };

export default async function NewUserPage() {
  const actor = await requireActor();
  if (!can(actor, "user.manage")) notFound();
  return (
    <>
      <h1>Add user</h1>
      <AddUserForm />
    </>
  );
}
