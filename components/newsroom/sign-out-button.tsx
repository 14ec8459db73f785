"use client";

import { signOut } from "next-auth/react";
import { forgetAllFor, resumeKeeping, stopKeeping } from "@/components/editor/local-drafts";

/**
 * Signs out, then clears every unsaved draft this user kept in the browser (THREATS row 34)
 * before leaving the page. The drafts go only once the server has ended the session: a
 * sign-out that fails (no connection) leaves the person signed in with their copies intact.
 */
export function SignOutButton({ userId }: { userId: string }) {
  return (
    <button
      type="button"
      onClick={async () => {
        stopKeeping(userId);
        try {
          await signOut({ redirect: false, callbackUrl: "/login" });
        } catch {
          resumeKeeping(userId);
          return;
        }
        await forgetAllFor(userId);
        window.location.href = "/login";
      }}
    >
      Sign out
    </button>
  );
}
