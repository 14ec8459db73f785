"use client";

import { useEffect, useRef, useState } from "react";
import { utcToZonedLocal } from "@/lib/time";

/** Picks the publication time in the newsroom's time zone; the server stores UTC. */
export function ScheduleDialog({
  timeZone,
  current,
  busy,
  onCancel,
  onConfirm,
}: {
  timeZone: string;
  current: string | null;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (publishAt: string) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState(() =>
    utcToZonedLocal(current ? new Date(current) : new Date(Date.now() + 60 * 60_000), timeZone),
  );
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="schedule-title" onCancel={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (value) onConfirm(value);
        }}
      >
        <h2 id="schedule-title">Schedule publication</h2>
        <div className="field">
          <label htmlFor="publish-at">Publish at</label>
          <input
            id="publish-at"
            type="datetime-local"
            step={1}
            required
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          <span className="hint">Newsroom time ({timeZone}).</span>
        </div>
        <button type="submit" className="primary" disabled={busy || !value}>
          Confirm schedule
        </button>{" "}
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </form>
    </dialog>
  );
}
