import { notFound } from "next/navigation";
import { AddUserForm } from "@/components/newsroom/add-user-form";
import { currentActor } from "@/server/auth/session";
import { can } from "@/server/policy";

export const dynamic = "force-dynamic";
export const metadata = { title: "Add user" };

export default async function NewUserPage() {
  const actor = (await currentActor())!;
  if (!can(actor, "user.manage")) notFound();
  return (
    <>
      <h1>Add user</h1>
      <AddUserForm />
    </>
  );
}
