import "server-only";

/**
 * Telling "the database is unreachable" apart from a bug, so that while PostgreSQL restarts
 * (or is out of connections) people get a quick 503 "try again in a moment" instead of a 500
 * or a hung request. The drivers' errors arrive wrapped (Drizzle's "Failed query" carries the
 * driver's error as `cause`), so the whole cause chain is inspected.
 */
const UNAVAILABLE_CODES = new Set([
  // Node sockets
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // postgres.js
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    // 08xxx: connection exceptions
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** What staff and readers are told; the details stay in the log. */
export const UNAVAILABLE_MESSAGE =
  "The newsroom cannot reach its database just now. Nothing was changed; please try again in a moment.";

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
