import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/server/auth/require-actor";
import { can } from "@/server/policy";
import { listStaff } from "@/server/users/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Staff" };

export default async function UsersPage() {
  const actor = await requireActor();
  if (!can(actor, "user.manage")) notFound();
  const staff = await listStaff(actor);
  return (
    <>
      <h1>Staff</h1>
      <p>
        <Link className="button primary" href="/newsroom/users/new">
          Add user
        </Link>
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Active</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((u) => (
            <tr key={u.id}>
              <td dir="auto">
                <Link href={`/newsroom/users/${u.id}`}>{u.name}</Link>
              </td>
              <td>{u.email}</td>
              <td>{u.role}</td>
              <td>{u.active ? "Yes" : "No"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
