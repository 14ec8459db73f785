/**
 * Telling the database's failures apart: unreachable (a quick 503, "try again in a moment"),
 * a connection that broke under a query while the server may well be up (worth one retry of
 * a read), and a statement cancelled by the statement timeout. The drivers' errors arrive
 * wrapped (Drizzle's "Failed query" carries the driver's error as `cause`), so the whole
 * cause chain is inspected.
 *
 * Free of `server-only` and of the config module: `proxy.ts`, which is bundled apart from
 * the app, uses it too.
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

/**
 * A connection that broke: terminated by the server (a restart's fast shutdown,
 * `pg_terminate_backend`, a failover) or reset under the query. The pool replaces it, so the
 * same read a moment later usually succeeds. Deliberately not ECONNREFUSED: then nothing
 * listens at all, and the answer must be a quick 503 rather than a second try. Nor
 * postgres.js's connect timeout: a connection whose start-up the server cut short can sit
 * until that timeout (porsager/postgres#1193), and in tests the next one often did too, so a
 * retry only doubled the wait (6 s) before the same 503.
 */
const BROKEN_CONNECTION_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "CONNECTION_CLOSED",
  "57P01",
  "57P02",
  "08003",
  "08006",
]);

/**
 * Before the one retry: when the server ends every connection at once (a restart,
 * `pg_terminate_backend` on all of them), the pool learns of each as its socket closes; a
 * short pause lets it drop the others before the read is sent again.
 */
const RETRY_PAUSE_MS = 100;

function codes(error: unknown): string[] {
  const found: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") found.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return found;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  // 08xxx: connection exceptions
  return codes(error).some((code) => UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code));
}

export function isBrokenConnection(error: unknown): boolean {
  return codes(error).some((code) => BROKEN_CONNECTION_CODES.has(code));
}

/**
 * A statement PostgreSQL cancelled (SQLSTATE 57014, query_canceled): the statement timeout
 * (`DATABASE_STATEMENT_TIMEOUT_MS`) ran out, or an operator cancelled it. Nothing it was
 * doing was committed.
 */
export function isStatementCancelled(error: unknown): boolean {
  return codes(error).includes("57014");
}

/**
 * Runs a read and, if the connection it used broke under it, runs it once more: after a
 * database restart or a killed backend the pool can hold a connection that is already dead,
 * and the first query on it fails although the server is up again. Only for work that is
 * safe to repeat (reads, and writes that set the same value again).
 */
export async function retryOnBrokenConnection<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isBrokenConnection(error)) throw error;
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    return read();
  }
}
