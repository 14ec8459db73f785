"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { createArticle, saveArticle } from "@/app/(newsroom)/newsroom/actions";
import { ACTION_BODY_LIMIT_BYTES } from "@/lib/content/limits";
import type { PublicError } from "@/server/errors";
import { forgetLocal, keepLocally } from "./local-drafts";
import { retryDelay } from "./retry-backoff";

export type SaveState = "saved" | "saving" | "unsaved" | "offline" | "too_large";
export type Payload = { headline: string } & Record<string, unknown>;

/** Saves within this long after the last keystroke (the budget is 2 s). */
const AUTOSAVE_MS = 1_200;
const LOCAL_COPY_MS = 300;

/** Room left in a request for the action's own envelope around the story. */
const ENVELOPE_BYTES = 16 * 1024;

/** UTF-8 size of a string, counted without allocating a copy of a multi-megabyte story. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/**
 * The refusal for a story too large to send in one save. Next's own answer past its limit
 * is a generic failure the browser cannot tell from a crash, so nothing is sent at all.
 */
function tooLarge(bytes: number): PublicError {
  return {
    code: "too_large",
    message:
      `This story is too large to save: ${megabytes(bytes)} MB, and one save can carry at most ` +
      `${megabytes(ACTION_BODY_LIMIT_BYTES)} MB. Nothing was sent and your text is kept in this ` +
      "browser. Shorten the story or split it into two, and it will save again.",
  };
}

const offline = () => typeof navigator !== "undefined" && navigator.onLine === false;

type Options = {
  userId: string;
  initialId: string | null;
  initialVersion: number;
  /** The current document and fields, read only when needed (never per keystroke). */
  collect: () => Payload;
  onCreated: (id: string) => void | Promise<void>;
  onSaved: (data: { version: number; slug: string }) => void | Promise<void>;
  onRefused: (error: PublicError) => void;
};

/**
 * Autosave that never loses a word: one request in flight per tab (the newest state queued
 * behind it, so no false conflicts), nothing sent when nothing changed, a copy in IndexedDB
 * until the server confirms, and retries by itself, with backoff, while the server or the
 * network is down (at once when the browser reports the connection back).
 */
export function useAutosave(o: Options) {
  const [state, setState] = useState<SaveState>(o.initialId ? "saved" : "unsaved");
  const idRef = useRef(o.initialId);
  const versionRef = useRef(o.initialVersion);
  const lastSavedRef = useRef<string | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const localTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const paused = useRef(false);
  /** Saves failed in a row because the server or the network was down. */
  const failures = useRef(0);
  const opts = useRef(o);
  opts.current = o;

  const saveRef = useRef<(kind: "autosave" | "manual") => Promise<boolean>>(async () => false);

  /** Tries again later by itself; any newer save clears this timer first. */
  const retryLater = useCallback(() => {
    failures.current += 1;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(
      () => void saveRef.current("autosave"),
      retryDelay(failures.current),
    );
  }, []);

  const saveOnce = useCallback(
    async (kind: "autosave" | "manual"): Promise<boolean> => {
      const { collect, userId } = opts.current;
      const payload = collect();
      const key = JSON.stringify(payload);
      if (idRef.current && key === lastSavedRef.current) {
        setState("saved");
        return true;
      }
      if (!payload.headline.trim()) {
        if (kind === "manual") {
          opts.current.onRefused({
            code: "invalid",
            message: "A headline is required.",
            fields: { headline: "A headline is required." },
          });
        }
        return false;
      }
      if (offline()) {
        setState("offline");
        return false;
      }
      const bytes = utf8Bytes(key);
      if (bytes > ACTION_BODY_LIMIT_BYTES - ENVELOPE_BYTES) {
        setState("too_large");
        opts.current.onRefused(tooLarge(bytes));
        return false;
      }
      setState("saving");
      // Sent as a fresh tree from its JSON text: ProseMirror shares one attrs object between
      // equal nodes (two H2s, one link split by bold), React's action encoding sends a repeated
      // object as a back-reference, and the server's validator accepts plain trees only.
      const body = JSON.parse(key) as Payload;
      try {
        if (!idRef.current) {
          const result = await createArticle(body);
          if (!result.ok) {
            setState("unsaved");
            opts.current.onRefused(result.error);
            return false;
          }
          idRef.current = result.data.id;
          versionRef.current = result.data.version;
          lastSavedRef.current = key;
          await forgetLocal(userId, null);
          await opts.current.onCreated(result.data.id);
        } else {
          const result = await saveArticle({
            id: idRef.current,
            baseVersion: versionRef.current,
            kind,
            ...body,
          });
          if (!result.ok) {
            setState("unsaved");
            if (result.error.code === "conflict") paused.current = true;
            // The database is restarting: nothing was saved; try again shortly, as when offline.
            if (result.error.code === "unavailable") retryLater();
            opts.current.onRefused(result.error);
            return false;
          }
          versionRef.current = result.data.version;
          lastSavedRef.current = key;
          await opts.current.onSaved(result.data);
        }
        failures.current = 0;
        const now = JSON.stringify(opts.current.collect());
        if (now === key) {
          setState("saved");
          await forgetLocal(userId, idRef.current);
        } else {
          setState("unsaved");
        }
        return true;
      } catch {
        // No usable answer (network down, server down or answering with an error page): keep
        // everything and try again. Offline, the browser's `online` event brings the retry.
        setState(offline() ? "offline" : "unsaved");
        if (!offline()) retryLater();
        return false;
      }
    },
    [retryLater],
  );

  const save = useCallback(
    (kind: "autosave" | "manual"): Promise<boolean> => {
      if (timer.current) clearTimeout(timer.current);
      if (kind === "autosave" && paused.current) return Promise.resolve(false);
      const previous = inFlight.current;
      if (previous) return previous.then(() => save(kind));
      const run = saveOnce(kind).finally(() => {
        inFlight.current = null;
      });
      inFlight.current = run;
      return run;
    },
    [saveOnce],
  );
  saveRef.current = save;

  /** Call on every change: cheap (timers only); the work happens when typing pauses. */
  const markDirty = useCallback(() => {
    setState(offline() ? "offline" : "unsaved");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save("autosave"), AUTOSAVE_MS);
    if (localTimer.current) clearTimeout(localTimer.current);
    localTimer.current = setTimeout(() => {
      const { userId, collect } = opts.current;
      void keepLocally(userId, idRef.current, {
        payload: collect(),
        savedAt: new Date().toISOString(),
        baseVersion: versionRef.current,
      });
    }, LOCAL_COPY_MS);
  }, [save]);

  useEffect(() => {
    const onOnline = () => void save("autosave");
    const onOffline = () => setState((s) => (s === "saved" ? s : "offline"));
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (JSON.stringify(opts.current.collect()) !== lastSavedRef.current) e.preventDefault();
    };
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [save]);

  return {
    state,
    save,
    markDirty,
    articleId: () => idRef.current,
    /** The content now in the editor is what the server has (e.g. after opening or choosing). */
    markSaved(version?: number) {
      if (version !== undefined) versionRef.current = version;
      lastSavedRef.current = JSON.stringify(opts.current.collect());
      paused.current = false;
      setState("saved");
    },
    /** After a conflict: save ours on top of the server's version. */
    rebase(version: number) {
      versionRef.current = version;
      paused.current = false;
    },
  };
}
