"use client";

import { signOut } from "next-auth/react";
import { forgetAllFor } from "@/components/editor/local-drafts";

/** Signs out, first clearing any unsaved drafts this user kept in the browser. */
export function SignOutButton({ userId }: { userId: string }) {
  return (
    <button
      type="button"
      onClick={async () => {
        await forgetAllFor(userId);
        await signOut({ callbackUrl: "/login" });
      }}
    >
      Sign out
    </button>
  );
}
