import "server-only";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { recordEvent } from "./audit";
import { loadActor, type SessionClaims } from "./auth/actor";
import { applyingReaderChanges } from "./cache/record-change";
import { db as getDb } from "./db";
import { AppError, notFound, type Result } from "./errors";
import {
  isDatabaseUnavailable,
  isStatementCancelled,
  TIMED_OUT_MESSAGE,
  UNAVAILABLE_MESSAGE,
} from "./http/unavailable";
import { log } from "./log";
import { type Actor, type ArticleScope, decide, type Permission, POLICY } from "./policy";

export type CommandContext<R> = {
  actor: Actor | null;
  tx: Transaction;
  /** The resource `load` returned (row-locked), already authorised. */
  resource: R;
};

type Spec<S extends z.ZodType, R, T> = {
  /** Unique name; the server action exposing it has the same name. */
  name: string;
  /** Required: a command with no permission cannot be defined. Public ones say "public". */
  permission: Permission;
  /**
   * True for the few commands a user who must still set up two-factor may run (enrolling,
   * signing out); everything else refuses them until they have.
   */
  duringTwoFactorSetup?: true;
  /**
   * Runs after validation and before the transaction, outside it: for rate limits, whose
   * count must stand even when the command then fails and its transaction rolls back.
   */
  beforeTransaction?: (actor: Actor | null, input: z.output<S>) => Promise<void>;
  input: S;
  /**
   * Loads (and locks, FOR UPDATE) the resource the permission is decided on. Returning
   * null answers "not found". The policy check runs on what this returns, inside the
   * same transaction as `run`, so nothing can change between the check and the write.
   */
  load?: (tx: Transaction, input: z.output<S>, actor: Actor | null) => Promise<R | null>;
  /** Maps the loaded resource to what the policy looks at (for article permissions). */
  scope?: (resource: R) => ArticleScope;
  run: (ctx: CommandContext<R>, input: z.output<S>) => Promise<T>;
};

export type Command<S extends z.ZodType = z.ZodType, R = unknown, T = unknown> = Spec<S, R, T> & {
  /** Runs as whoever the session claims to be, re-checked against the database. */
  execute(claims: SessionClaims | null, raw: unknown): Promise<Result<T>>;
};

const registry = new Map<string, Command>();

/** Every command defined so far, for the permission-matrix test and the action registry. */
export function allCommands(): Command[] {
  return [...registry.values()];
}

function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * The one way to change anything (DESIGN.md invariant 1): re-read the actor, check the
 * role, validate input strictly, then in one transaction load the resource, decide on it,
 * and run. A refusal is audited (outside the rolled-back transaction) and changes nothing.
 */
export function defineCommand<S extends z.ZodType, R = undefined, T = unknown>(
  spec: Spec<S, R, T>,
): Command<S, R, T> {
  if (!spec.permission) throw new Error(`command ${spec.name} has no permission`);
  // A permission whose answer depends on the story (own, state) cannot be checked without it.
  if ("when" in POLICY[spec.permission] && (!spec.load || !spec.scope)) {
    throw new Error(`command ${spec.name} needs load and scope for ${spec.permission}`);
  }
  if (registry.has(spec.name)) throw new Error(`duplicate command ${spec.name}`);

  const command: Command<S, R, T> = {
    ...spec,
    async execute(claims, raw) {
      const database: Database = await getDb();
      let actor: Actor | null = null;
      try {
        actor = await loadActor(database, claims);
        const pre = decide(actor, spec.permission);
        if (pre === "unauthenticated") {
          throw new AppError("unauthenticated", "Please sign in to do that.");
        }
        if (pre === "forbidden") throw new AppError("forbidden", "You may not do that.");
        if (actor?.twoFactorPending && !spec.duringTwoFactorSetup) {
          throw new AppError("forbidden", "Set up two-factor authentication first.");
        }
        const parsed = spec.input.safeParse(raw);
        if (!parsed.success) {
          throw new AppError("invalid", "Please correct the highlighted fields.", {
            fields: zodFields(parsed.error),
          });
        }
        const input = parsed.data;
        if (spec.beforeTransaction) await spec.beforeTransaction(actor, input);
        const data = await applyingReaderChanges(() =>
          database.transaction(async (tx) => {
            let resource = undefined as R;
            if (spec.load) {
              const loaded = await spec.load(tx, input, actor);
              if (loaded === null) throw notFound();
              resource = loaded;
              if (spec.scope) {
                const verdict = decide(actor, spec.permission, spec.scope(loaded));
                if (verdict === "not_found") throw notFound();
                if (verdict !== "allow") throw new AppError("forbidden", "You may not do that.");
              }
            }
            return spec.run({ actor, tx, resource }, input);
          }),
        );
        return { ok: true, data };
      } catch (error) {
        if (error instanceof AppError) {
          if (error.code === "forbidden" || error.code === "unauthenticated") {
            await auditDenied(database, spec, actor, raw, error.code);
          }
          return { ok: false, error: error.toPublic() };
        }
        log.error({ command: spec.name, failure: describeFailure(error) }, "command failed");
        if (isDatabaseUnavailable(error)) {
          return { ok: false, error: { code: "unavailable", message: UNAVAILABLE_MESSAGE } };
        }
        // The statement timeout cut a statement off: the transaction rolled back; the person
        // may try again (a 503, not an internal error).
        if (isStatementCancelled(error)) {
          return { ok: false, error: { code: "unavailable", message: TIMED_OUT_MESSAGE } };
        }
        return {
          ok: false,
          error: { code: "internal", message: "Something went wrong; nothing was changed." },
        };
      }
    },
  };
  registry.set(spec.name, command as unknown as Command);
  return command;
}

async function auditDenied(
  database: Database,
  spec: { name: string; permission: Permission },
  actor: Actor | null,
  raw: unknown,
  code: string,
) {
  const id = (raw as { id?: unknown } | null)?.id;
  const articleId = typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
  try {
    await recordEvent(database, {
      // Only reference a story that exists; a probe with a random id must not fail here.
      articleId: null,
      actorId: actor?.id ?? null,
      action: "authz_denied",
      note: `${spec.name} (${code})`,
      detail: { command: spec.name, permission: spec.permission, articleId },
    });
  } catch (error) {
    log.warn({ err: error }, "could not audit a refusal");
  }
}

/** zod helpers shared by commands. */
export const id = z.uuid({ message: "Not a valid id." });

/**
 * What may be logged about an unexpected failure: its kind and database error code, never
 * its message or the query's parameters (which can hold password hashes or personal data).
 */
function describeFailure(error: unknown): Record<string, unknown> {
  const e = error as {
    name?: string;
    code?: string;
    cause?: { code?: string; constraint_name?: string; table_name?: string };
  };
  return {
    name: e?.name ?? typeof error,
    code: e?.code ?? e?.cause?.code,
    constraint: e?.cause?.constraint_name,
    table: e?.cause?.table_name,
  };
}
