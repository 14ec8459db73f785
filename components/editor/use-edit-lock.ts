"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { claimEditLock, releaseEditLock } from "@/app/(newsroom)/newsroom/actions";

const HEARTBEAT_MS = 20_000;

export type EditLockView = {
  /** Someone else holds the lock: show "{name} is editing" and offer to take over. */
  otherEditor: string | null;
  /** We held it and someone took over since. */
  lostTo: string | null;
  takeOver: () => Promise<void>;
};

/** Holds the soft edit lock while this story is open for editing, with a heartbeat. */
export function useEditLock(articleId: string | null, active: boolean): EditLockView {
  const [otherEditor, setOtherEditor] = useState<string | null>(null);
  const [lostTo, setLostTo] = useState<string | null>(null);
  const heldRef = useRef(false);

  const beat = useCallback(
    async (takeOver = false) => {
      if (!articleId) return;
      try {
        const result = await claimEditLock({ id: articleId, takeOver });
        if (!result.ok) return;
        if (result.data.mine) {
          heldRef.current = true;
          setOtherEditor(null);
          setLostTo(null);
        } else {
          if (heldRef.current) setLostTo(result.data.holder);
          heldRef.current = false;
          setOtherEditor(result.data.holder);
        }
      } catch {
        // Offline: the lock is advisory, saving handles conflicts.
      }
    },
    [articleId],
  );

  useEffect(() => {
    if (!articleId || !active) return;
    void beat();
    const timer = setInterval(() => void beat(), HEARTBEAT_MS);
    return () => {
      clearInterval(timer);
      void releaseEditLock({ id: articleId }).catch(() => {});
    };
  }, [articleId, active, beat]);

  return { otherEditor: lostTo ? null : otherEditor, lostTo, takeOver: () => beat(true) };
}
