"use client";

import { useRouter } from "next/navigation";
import { markNotificationsRead } from "@/app/(newsroom)/newsroom/actions";

export function MarkAllReadButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      onClick={async () => {
        await markNotificationsRead({});
        router.refresh();
      }}
    >
      Mark all read
    </button>
  );
}
