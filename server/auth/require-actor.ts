import "server-only";
import { redirect } from "next/navigation";
import type { Actor } from "../policy";
import { currentActor } from "./session";

/**
 * For newsroom pages. The layout also redirects, but Next renders layout and page concurrently,
 * so a page cannot rely on the layout's check having run: a user deactivated mid-session must
 * land on the sign-in page, not make the page throw.
 */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}
