/**
 * Typed failures: a code, the HTTP status it maps to, and the message a person is shown.
 * Anything else thrown inside a command is an internal error whose details stay in the log.
 */
export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  invalid: 422,
  conflict: 409,
  stale_state: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type PublicError = {
  code: ErrorCode;
  message: string;
  /** Per-field messages for forms. */
  fields?: Record<string, string>;
  /** Extra data a person needs to recover (e.g. the server copy on a save conflict). */
  detail?: unknown;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  readonly detail?: unknown;
  constructor(
    code: ErrorCode,
    message: string,
    extra: { fields?: Record<string, string>; detail?: unknown } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = extra.fields;
    this.detail = extra.detail;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toPublic(): PublicError {
    const out: PublicError = { code: this.code, message: this.message };
    if (this.fields) out.fields = this.fields;
    if (this.detail !== undefined) out.detail = this.detail;
    return out;
  }
}

/** The one message for anything missing or hidden from the actor: IDOR probes learn nothing. */
export const notFound = () => new AppError("not_found", "Not found.");

export type Result<T> = { ok: true; data: T } | { ok: false; error: PublicError };
