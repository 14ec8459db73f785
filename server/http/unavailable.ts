import "server-only";

import { isDatabaseUnavailable } from "./database-errors";

export {
  isBrokenConnection,
  isDatabaseUnavailable,
  isStatementCancelled,
  retryOnBrokenConnection,
} from "./database-errors";

/** What staff and readers are told; the details stay in the log. */
export const UNAVAILABLE_MESSAGE =
  "The newsroom cannot reach its database just now. Nothing was changed; please try again in a moment.";

/** A statement that ran past the statement timeout was stopped: said as plainly. */
export const TIMED_OUT_MESSAGE =
  "The database took too long to answer, so the request was stopped. Nothing was changed; please try again in a moment.";

/** Seconds a client should wait before retrying. */
export const RETRY_AFTER_S = 5;

/** A plain 503 for route handlers that answer JSON or text (uploads, APIs). */
export function unavailableResponse(): Response {
  return Response.json(
    { ok: false, error: { code: "unavailable", message: UNAVAILABLE_MESSAGE } },
    {
      status: 503,
      headers: { "retry-after": String(RETRY_AFTER_S), "cache-control": "no-store" },
    },
  );
}

/**
 * Thrown from a page Next renders (the newsroom) when the database is unreachable: the
 * digest survives into the production error boundary, which then says so and retries.
 */
export const UNAVAILABLE_DIGEST = "DATABASE_UNAVAILABLE";
export class DatabaseUnavailableError extends Error {
  readonly digest = UNAVAILABLE_DIGEST;
  constructor(cause: unknown) {
    super(UNAVAILABLE_MESSAGE, { cause });
    this.name = "DatabaseUnavailableError";
  }
}

/** For a page's first query: an unreachable database becomes DatabaseUnavailableError. */
export function failFast(error: unknown): never {
  throw isDatabaseUnavailable(error) ? new DatabaseUnavailableError(error) : error;
}
